-- wrk script for bench/load.py: bench/wrk_report.lua (paths in turn, the BENCH line) with a pause of
-- WRK_PAUSE_MS milliseconds before each request on a connection, so that the load is a steady rate of
-- visitors rather than as many requests as the server can take.

local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local pause = tonumber(os.getenv("WRK_PAUSE_MS") or "0")

function delay()
  return pause
end
