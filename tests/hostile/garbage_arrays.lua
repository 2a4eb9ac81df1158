-- expect-exit: 0
-- expect: results dropped
-- expect-check: 1 claims hold
-- expect-within: 30
-- A loop that drops big arrays (plugin results and nnt.array, 3 GiB in
-- all) while holding a few MiB of Lua values and making little Lua
-- garbage: the collector must count the memory the arrays hold outside
-- Lua and free them in time, or the garbage alone passes the lesson's
-- memory cap.
local loss = nnt.plugin "loss"
return nnt.lesson {
  id = "garbage_arrays", title = "garbage arrays",
  steps = {
    { title = "drop", run = function(ui)
        local sum, live = 0, {}
        for i = 1, 400000 do live[i] = i end  -- a big heap paces the GC slowly
        for k = 1, 256 do
          local r = loss.landscape { loss = "mse", n = 801, points = 2,
                                     hessian = false, midpoint = false }
          sum = sum + r.loss[1][1]
          local a = nnt.array(1 << 20)          -- 8 MiB
          a[1] = k
        end
        ui:say("results dropped")
        ui:claim("every loss is finite",
                 sum == sum and sum < math.huge and #live == 400000)
      end },
  },
}
