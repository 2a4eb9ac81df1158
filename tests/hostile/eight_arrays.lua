-- expect-exit: 1
-- expect: nnt.array: not enough memory
-- expect-check: nnt.array: not enough memory
-- expect-within: 15
-- Eight arrays of 2^28 doubles (2 GiB each), kept alive and written to on
-- every page: memory outside the Lua allocator must count against the cap.
return nnt.lesson {
  id = "eight_arrays", title = "eight huge arrays",
  steps = {
    { title = "grow", run = function(ui)
        local keep = {}
        for k = 1, 8 do
          local a = nnt.array(1 << 28)
          for i = 1, #a, 512 do a[i] = k end   -- one write per 4 KiB page
          keep[k] = a
        end
        ui:claim("16 GiB held", #keep == 8)
      end },
  },
}
