-- expect-exit: 1
-- expect: os_io_require.lua:18:
-- expect: os is not available in lessons
-- No way to the file system, the process or the module system.
return nnt.lesson {
  id = "os_io_require", title = "os, io, require",
  steps = {
    { title = "escape", run = function(ui)
        assert(rawget(_G, "io") == nil and rawget(_G, "package") == nil)
        assert(rawget(_G, "require") == nil and rawget(_G, "dofile") == nil)
        assert(rawget(_G, "collectgarbage") == nil and string.dump == nil)
        assert(getmetatable("") == false)
        assert(not pcall(load("return os")))
        assert(load("return io", "x", "t", {})() == nil)
        local f = load("return ...")
        assert(f(1) == 1)
        ui:say("sandbox holds")
        os.execute("touch /tmp/nntutor-escaped")
      end },
  },
}
