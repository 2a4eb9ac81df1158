-- expect-exit: 1
-- expect: string.rep: result of
-- expect: huge_rep.lua:9:
return nnt.lesson {
  id = "huge_rep", title = "huge string.rep",
  steps = {
    { title = "rep", run = function(ui)
        local ok = pcall(string.rep, "x", 1 << 40)
        local s = ("x"):rep(1e10)
      end },
  },
}
