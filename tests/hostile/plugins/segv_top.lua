-- expect-exit: 1
-- expect: the lesson process crashed (SIGSEGV) in plugin call fault.segv
-- expect: segv_top.lua:8:
-- expect-check: the lesson process crashed (SIGSEGV) in plugin call fault.segv
-- expect-within: 15
-- A plugin call that crashes while the file loads (so also in `list`).
local fault = nnt.plugin "fault"
fault.segv {}
return nnt.lesson {
  id = "segv_top", title = "crash at load",
  steps = { { title = "never", run = function(ui) end } },
}
