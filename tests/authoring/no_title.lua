-- expect: no_title.lua:3: nnt.lesson: the lesson has no 'title'
-- the lesson forgets its title
return nnt.lesson {
  id = "no_title",
  steps = {
    { title = { en = "Say", zh = "说" }, run = function(ui)
        ui:say { en = "Hello", zh = "你好" }
      end },
  },
}
