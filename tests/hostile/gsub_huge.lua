-- expect-exit: 1
-- expect: did not answer
-- expect-check: did not answer
-- expect-within: 15
-- gsub over a 16 MiB string, again and again: each pass is millions of
-- steps inside C and only a handful of VM instructions, so the
-- instruction budget would take days to notice.
return nnt.lesson {
  id = "gsub_huge", title = "gsub on 16 MiB",
  steps = {
    { title = "gsub", run = function(ui)
        local s = ("x"):rep(16 << 20)
        while true do
          s = s:gsub("x", "y"):gsub("y", "x")
        end
      end },
  },
}
