-- expect-exit: 1
-- expect: did not answer
-- expect-check: did not answer
-- expect-within: 15
-- a:sum() over a large nnt.array in a loop: the work is in C, a few VM
-- instructions per pass.  2^23 values (64 MiB) stays under the memory cap,
-- so this is a test of time, not of memory (2^28 values would be 2 GiB and
-- trip the cap first).
return nnt.lesson {
  id = "sum_loop", title = "a:sum() in a loop",
  steps = {
    { title = "sum", run = function(ui)
        local a = nnt.array(1 << 23)
        local total = 0
        while true do total = total + a:sum() end
      end },
  },
}
