-- expect-exit: 1
-- expect: syntax_error.lua:9:
return nnt.lesson {
  id = "syntax_error", title = "syntax error",
  steps = {
    { title = "typo", run = function(ui)
        ui:say("fine so far")
        local x = (1 + 2
        ui:say(x)
      end },
  },
}
