-- expect-exit: 1
-- expect: too long
-- expect-check: too long
-- expect-within: 15
-- A 40 MB paragraph (string.rep stops at 16 MiB, so it is joined from
-- parts): text this long is refused, not laid out.
return nnt.lesson {
  id = "huge_say", title = "huge say",
  steps = {
    { title = "say", run = function(ui)
        local part = ("lorem ipsum dolor sit amet "):rep(500000)  -- 13.5 MB
        ui:say(table.concat({ part, part, part }))
      end },
  },
}
