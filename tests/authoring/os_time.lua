-- expect: os_time.lua:7: os is not available in lessons
return nnt.lesson {
  id = "os_time", title = { en = "The clock", zh = "时钟" },
  steps = {
    { title = { en = "Time", zh = "时间" }, run = function(ui)
        -- a seed from the clock: not reproducible, and not allowed
        nnt.seed(os.time())
      end },
  },
}
