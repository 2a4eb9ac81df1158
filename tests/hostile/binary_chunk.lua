-- expect-exit: 1
-- expect: binary_chunk.lua:12:
-- expect: attempt to load a binary chunk
return nnt.lesson {
  id = "binary_chunk", title = "binary chunk",
  steps = {
    { title = "bytecode", run = function(ui)
        -- the header of a Lua 5.4 binary chunk
        local bin = "\27LuaT\0\25\147\r\n\26\n\4\8\8xV\0\0\0\0\0\0\0\0\0\0\0(w@"
        local f, msg = load(bin, "=bin", "b")
        assert(f == nil)
        error(msg)
      end },
  },
}
