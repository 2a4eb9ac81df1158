-- expect: bad_quiz.lua:7: ui:quiz: 'answer' must be the number of the right choice, 1..2
return nnt.lesson {
  id = "bad_quiz", title = { en = "A quiz", zh = "测验" },
  steps = {
    { title = { en = "Ask", zh = "问" }, run = function(ui)
        -- answer 3 of two choices
        ui:quiz { question = { en = "Q?", zh = "问？" },
                  choices = { "a", "b" }, answer = 3 }
      end },
  },
}
