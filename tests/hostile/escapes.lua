-- A lesson whose every text carries terminal commands: set the clipboard
-- (OSC 52), set the window title (OSC 0), clear the screen (CSI 2 J), a
-- C1 CSI (U+009B and a raw 0x9b byte), BEL and CR.  Every path must show
-- them as harmless text (^[ ...); tests/escapes.sh checks each one.
-- expect-exit: 1
-- expect: ^[]52;c;cHduZWQ=^G
-- expect: ^[[2J
-- expect: <U+009B>
-- expect: \x9B
-- expect: boom ^[]0;error-title^G
-- expect-check: boom ^[]0;error-title^G
local E = "\27]52;c;cHduZWQ=\7 \27]0;pwned\7 \27[2J \u{9B}31m \x9b \r\7"
local ui_done = false
return nnt.lesson {
  id = "escapes", title = "escapes " .. E,
  steps = {
    { title = "step " .. E, run = function(ui)
        ui:say("say " .. E)
        ui:claim("claim " .. E, true)
        print("print " .. E)
        ui:chart { kind = "line", title = "chart " .. E, xlabel = "x " .. E,
                   series = { { name = "series " .. E, x = { 1, 2, 3 },
                                y = { 1, 4, 9 } } } }
        ui:quiz { question = "quiz " .. E, choices = { "a " .. E, "b" },
                  answer = 1, explain = "explain " .. E }
        ui:explore { params = { { name = "n", label = "label " .. E,
                                  min = 0, max = 1, step = 0.5,
                                  value = 0.5 } },
                     draw = function(p) end }
        ui:wait()
      end },
    { title = "an error", run = function(ui)
        error("boom \27]0;error-title\7")
      end },
  },
}
