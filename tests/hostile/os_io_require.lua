-- expect-exit: 1
-- expect: os_io_require.lua:18:
-- expect: global 'os'
-- No way to the file system, the process or the module system.
return nnt.lesson {
  id = "os_io_require", title = "os, io, require",
  steps = {
    { title = "escape", run = function(ui)
        assert(io == nil and package == nil and debug == nil)
        assert(require == nil and dofile == nil and loadfile == nil)
        assert(collectgarbage == nil and string.dump == nil)
        assert(getmetatable("") == false)
        assert(load("return os")() == nil)
        assert(load("return io", "x", "t", {})() == nil)
        local f = load("return ...")
        assert(f(1) == 1)
        ui:say("sandbox holds")
        os.execute("touch /tmp/nntutor-escaped")
      end },
  },
}
