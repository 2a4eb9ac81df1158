-- expect-exit: 0
-- expect: fine
-- expect-check: ok
-- expect-within: 15
-- A lesson title of a million characters.
return nnt.lesson {
  id = "huge_title", title = ("title "):rep(1e6 // 6),
  steps = {
    { title = ("step "):rep(2e5), run = function(ui) ui:say("fine") end },
  },
}
