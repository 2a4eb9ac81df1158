-- expect-exit: 1
-- expect: unknown_plugin.lua:3: nnt.plugin:
local p = nnt.plugin "no_such_plugin"
return nnt.lesson { id = "unknown_plugin", title = "x", steps = { { title = "x", run = function() end } } }
