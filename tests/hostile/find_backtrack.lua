-- expect-exit: 1
-- expect: did not answer
-- expect-check: did not answer
-- expect-within: 15
-- string.find backtracking on a long string: all the work is inside one
-- C call, out of the instruction budget's sight.
return nnt.lesson {
  id = "find_backtrack", title = "catastrophic backtracking",
  steps = {
    { title = "find", run = function(ui)
        local s = ("a"):rep(5e4) .. "b"
        local found = s:find(("a-"):rep(30) .. "c")
        ui:say("find returned " .. tostring(found))
      end },
  },
}
