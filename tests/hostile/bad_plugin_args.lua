-- expect-exit: 1
-- expect: bad_plugin_args.lua:11: template.add: unknown parameter 'c'
local t = nnt.plugin "template"
return nnt.lesson {
  id = "bad_plugin_args", title = "bad plugin arguments",
  steps = {
    { title = "args", run = function(ui)
        local ok, msg = pcall(t.add, { a = "one" })
        assert(not ok and msg:find("parameter 'a'", 1, true), msg)
        ui:claim("sum", t.add { a = 1, b = 2 }.sum == 3)
        t.add { a = 1, c = 2 }
      end },
  },
}
