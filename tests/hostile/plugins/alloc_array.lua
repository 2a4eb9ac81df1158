-- expect-exit: 1
-- expect: fault.alloc: out of memory storing result
-- expect-check: fault.alloc: out of memory storing result
-- expect-within: 30
-- A plugin result array of 4 GiB, written on every page: memory outside
-- the Lua allocator counts against the cap.
local fault = nnt.plugin "fault"
return nnt.lesson {
  id = "fault_alloc_array", title = "plugin result of 4 GiB",
  steps = {
    { title = "alloc", run = function(ui)
        local r = fault.alloc { mib = 4096 }
        ui:claim("4 GiB result kept", r.ok == 1 and #r.data > 0)
      end },
  },
}
