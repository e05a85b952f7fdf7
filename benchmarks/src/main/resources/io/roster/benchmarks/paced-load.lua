-- wrk script: a constant request rate with latencies free of coordinated omission.
--
-- wrk 4 (the one Debian packages) is a closed-loop tool: each connection sends its next request when the previous
-- answer arrives, so a slow answer delays the requests behind it and they are never counted as slow. Here every
-- connection runs on its own wrk thread (-t N -c N) and follows a fixed schedule: request k is due at
-- t0 + phase + k * interval and delay() waits until then. A request sent late because the answer to its
-- predecessor came after it was due has its latency measured from when it was due, the way wrk2 does, so it
-- counts its wait; one sent on schedule, from when it was sent. After its share of requests, or at the end of the
-- schedule if the server fell behind, a connection goes idle, so wrk -d only needs some grace for the last answers.
--
-- Run as: wrk -t N -c N -d <warmup + measure + grace>s --timeout 10s -s paced-load.lua URL \
--     name rate connections warmup_s measure_s method path body_template run
-- rate: requests/s over all connections; body_template: "{n}" is replaced by a value unique within the run
-- ("-" for no body).
-- Prints name=value unit lines (with the p99 of the best, median and worst measured second) and a "# " line with
-- the UTC times of the worst seconds; only requests due after the warm-up are measured.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } roster_timespec;
int clock_gettime(int clock_id, roster_timespec *tp);
]]
local timespec = ffi.new("roster_timespec")
local CLOCK_REALTIME, CLOCK_MONOTONIC = 0, 1

local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
    return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

-- main state: hand each thread its index and a common start, then collect its results in done()
local threads = {}
local start_at = now_ms() + 500
-- the wall clock at start_at, so that the worst seconds can be lined up with other samples (logs, /proc)
ffi.C.clock_gettime(CLOCK_REALTIME, timespec)
local start_wall_ms = tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6 + (start_at - now_ms())

function setup(thread)
    thread:set("index", #threads)
    thread:set("t0", start_at)
    table.insert(threads, thread)
end

-- thread state. Globals: index and t0 (set by setup) and what done() reads with thread:get
local method, path, body, run, connections
local next_k = 0
local due, sent
local armed, behind = false, false
latencies, services, seconds, statuses, last_answer = {}, {}, {}, {}, 0
counts = { sent = 0, answered = 0, ok = 0, not_ok = 0, measured_sent = 0, measured_ok = 0, measured_not_ok = 0 }

function init(args)
    -- args[0] is the URL
    name = args[1]
    connections = tonumber(args[3])
    interval = 1000 * connections / tonumber(args[2])
    warmup = tonumber(args[4]) * 1000
    measure_s = tonumber(args[5])
    total = math.floor((warmup + measure_s * 1000) / interval + 0.5)
    method, path, body, run = args[6], args[7], args[8], args[9]
    if body == "-" then
        body = nil
    end
end

local function due_at(k)
    -- connections are spread evenly over one interval, so the server sees a steady rate, not bursts
    return t0 + interval * (index / connections) + k * interval
end

-- wrk calls delay() before every request of a connection (the first one included)
function delay()
    local now = now_ms()
    -- its share sent, or the schedule over with the server behind (the rest is reported as not sent):
    -- idle until wrk stops, which leaves the outstanding answers some grace to arrive
    if next_k >= total or now > t0 + warmup + measure_s * 1000 + interval then
        return 3600 * 1000
    end
    armed = true
    local wait = due_at(next_k) - now
    -- behind schedule: the previous answer came after this request was due, so its wait counts
    behind = wait <= 0
    return math.max(0, math.ceil(wait))
end

function request()
    if not armed then
        -- wrk calls request() once at start-up to check its syntax: not sent, not counted
        return wrk.format(method, path, nil, body and body:gsub("{n}", run .. "-check") or nil)
    end
    armed = false
    due = due_at(next_k)
    local n = run .. "-" .. index .. "-" .. next_k
    next_k = next_k + 1
    counts.sent = counts.sent + 1
    if due >= t0 + warmup then
        counts.measured_sent = counts.measured_sent + 1
    end
    sent = now_ms()
    return wrk.format(method, path, nil, body and body:gsub("{n}", n) or nil)
end

function response(status, headers, response_body)
    local now = now_ms()
    local ok = status >= 200 and status < 300
    counts.answered = counts.answered + 1
    if ok then counts.ok = counts.ok + 1 else counts.not_ok = counts.not_ok + 1 end
    if due >= t0 + warmup then
        -- on schedule it is sent by wrk's millisecond timer, whose own lateness is not the server's
        table.insert(latencies, now - (behind and due or sent))
        -- the measured second the request was due in, counted from the end of the warm-up
        table.insert(seconds, math.floor((due - t0 - warmup) / 1000))
        table.insert(services, now - sent)
        last_answer = math.max(last_answer, now)
        if ok then
            counts.measured_ok = counts.measured_ok + 1
        else
            counts.measured_not_ok = counts.measured_not_ok + 1
            local key = tostring(status)
            statuses[key] = (statuses[key] or 0) + 1
        end
    end
end

local function percentile(sorted, p)
    if #sorted == 0 then
        return -1
    end
    return sorted[math.max(1, math.min(#sorted, math.ceil(p / 100 * #sorted)))]
end

local function line(suffix, value, unit, format)
    io.write(string.format("%s_%s=" .. (format or "%d") .. " %s\n", name, suffix, value, unit))
end

function done(summary, latency, requests)
    local all, service, by_second = {}, {}, {}
    local totals = { scheduled = 0, sent = 0, answered = 0, ok = 0, not_ok = 0, measured_sent = 0, measured_ok = 0,
        measured_not_ok = 0 }
    local by_status = {}
    local measure_s, warmup
    local last = start_at
    for _, thread in ipairs(threads) do
        last = math.max(last, thread:get("last_answer"))
        local thread_seconds = thread:get("seconds")
        for i, v in ipairs(thread:get("latencies")) do
            table.insert(all, v)
            local second = thread_seconds[i]
            by_second[second] = by_second[second] or {}
            table.insert(by_second[second], v)
        end
        for _, v in ipairs(thread:get("services")) do table.insert(service, v) end
        for k, v in pairs(thread:get("counts")) do totals[k] = totals[k] + v end
        totals.scheduled = totals.scheduled + thread:get("total")
        for k, v in pairs(thread:get("statuses")) do by_status[k] = (by_status[k] or 0) + v end
        name, measure_s, warmup = thread:get("name"), thread:get("measure_s"), thread:get("warmup")
    end
    table.sort(all)
    table.sort(service)
    -- answers over the time from the first request due after the warm-up to the last answer
    line("rate", (totals.measured_ok + totals.measured_not_ok) / ((last - start_at - warmup) / 1000),
        "requests/s", "%.0f")
    line("requests", totals.measured_sent, "requests")
    line("p50", percentile(all, 50), "ms", "%.2f")
    line("p90", percentile(all, 90), "ms", "%.2f")
    line("p99", percentile(all, 99), "ms", "%.2f")
    line("p999", percentile(all, 99.9), "ms", "%.2f")
    line("max", percentile(all, 100), "ms", "%.2f")
    line("service_time_p99", percentile(service, 99), "ms", "%.2f")
    -- the p99 of each measured second: steady delay and short stalls look alike in the p99 of the whole period
    local per_second = {}
    for second, values in pairs(by_second) do
        table.sort(values)
        table.insert(per_second, { second = second, p99 = percentile(values, 99), max = values[#values] })
    end
    table.sort(per_second, function(a, b) return a.p99 < b.p99 end)
    if #per_second > 0 then
        line("second_p99_best", per_second[1].p99, "ms", "%.2f")
        line("second_p99_median", per_second[math.ceil(#per_second / 2)].p99, "ms", "%.2f")
        line("second_p99_worst", per_second[#per_second].p99, "ms", "%.2f")
        local worst = {}
        for i = #per_second, math.max(1, #per_second - 2), -1 do
            local s = per_second[i]
            local at = (start_wall_ms + warmup + s.second * 1000) / 1000
            table.insert(worst, string.format("%s.%03d UTC (p99 %.1f ms, max %.1f ms)",
                    os.date("!%H:%M:%S", math.floor(at)), math.floor((at % 1) * 1000), s.p99, s.max))
        end
        io.write(string.format("# %s: worst seconds, by when they began: %s\n", name, table.concat(worst, "; ")))
    end
    line("non_2xx", totals.measured_not_ok, "responses")
    line("unanswered", totals.measured_sent - totals.measured_ok - totals.measured_not_ok, "requests")
    -- requests whose turn came before wrk stopped but were never sent: the server could not take the rate
    line("not_sent", totals.scheduled - totals.sent, "requests")
    line("all_phases_sent", totals.sent, "requests")
    line("all_phases_2xx", totals.ok, "responses")
    line("all_phases_non_2xx", totals.not_ok, "responses")
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    line("socket_errors", socket_errors, "errors")
    if totals.not_ok > 0 or socket_errors > 0 or totals.sent ~= totals.answered then
        io.write(string.format("!!! %s: %d non-2xx responses (measured phase: %s), %d unanswered, socket errors:"
                .. " connect %d, read %d, write %d, timeout %d\n", name, totals.not_ok, (function()
                    local parts = {}
                    for k, v in pairs(by_status) do table.insert(parts, k .. "x" .. v) end
                    return #parts > 0 and table.concat(parts, " ") or "none"
                end)(), totals.sent - totals.answered, e.connect, e.read, e.write, e.timeout))
    end
    if totals.scheduled > totals.sent then
        io.write(string.format("!!! %s: the rate was not held: %d of %d requests never sent, the server fell behind"
                .. " (latencies are those of the requests sent, each measured from when it was due)\n", name,
                totals.scheduled - totals.sent, totals.scheduled))
    end
end
