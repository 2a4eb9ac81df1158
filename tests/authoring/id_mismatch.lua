-- expect: id_mismatch.lua:4: the lesson's id 'other_name' differs from its file name 'id_mismatch.lua'
-- the id is not the file's name
return nnt.lesson {
  id = "other_name", title = { en = "Wrong id", zh = "错误的 id" },
  steps = {
    { title = { en = "Say", zh = "说" }, run = function(ui)
        ui:say { en = "Hello", zh = "你好" }
      end },
  },
}
