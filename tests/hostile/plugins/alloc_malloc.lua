-- expect-exit: 0
-- expect: ✓ a plugin's own malloc cannot take 4 GiB
-- expect-check: ok
-- expect-within: 30
-- The plugin mallocs 4 GiB itself: the kernel limit on the lesson process
-- (setrlimit) makes malloc fail, and the plugin says so (ok = 0).
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_alloc_malloc", title = "plugin malloc of 4 GiB",
  steps = {
    { title = "alloc", run = function(ui)
        local r = fault.alloc { mib = 4096, via = "malloc" }
        ui:claim("a plugin's own malloc cannot take 4 GiB", r.ok == 0)
      end },
  },
}
