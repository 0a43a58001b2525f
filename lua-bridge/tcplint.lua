-- tcplint.lua: shows tcplint's findings inside Wireshark and tshark.
--
-- A post-dissector: for every frame that tcplint flagged it adds a "tcplint (N findings)"
-- subtree with filterable fields (tcplint.rule, tcplint.severity, tcplint.message, tcplint.stream,
-- tcplint.expected, tcplint.actual, tcplint.open, tcplint.close) and one expert item per finding
-- (Error, Warning or Note), so findings appear in Expert Information and `tshark -z expert`.
--
-- Where the findings come from, in this order:
--   1. the preference tcplint.findings (a file written by `tcplint check -f wireshark`),
--   2. the environment variable TCPLINT_FINDINGS,
--   3. a sidecar <capture>.tcplint.tsv next to the open capture,
--   4. when the preference tcplint.command is set (e.g. "tcplint" or "java -jar /opt/tcplint.jar"),
--      running tcplint on the open capture.
-- A findings file made for another capture (packet count or first-frame time differ) is refused
-- with an expert warning on the first frame instead of being shown on the wrong packets.
--
-- Plain Lua, runs on 5.2 through 5.4 (no bit32, setfenv, module or global unpack).

local tcplint = Proto("tcplint", "tcplint findings")

local f_rule = ProtoField.string("tcplint.rule", "Rule")
local f_severity = ProtoField.string("tcplint.severity", "Severity")
local f_message = ProtoField.string("tcplint.message", "Message")
local f_stream = ProtoField.uint32("tcplint.stream", "Stream")
local f_expected = ProtoField.uint32("tcplint.expected", "Expected")
local f_actual = ProtoField.uint32("tcplint.actual", "Actual")
local f_open = ProtoField.string("tcplint.open", "Open")
local f_close = ProtoField.string("tcplint.close", "Close")
local f_source = ProtoField.string("tcplint.source", "Findings file")
tcplint.fields = { f_rule, f_severity, f_message, f_stream, f_expected, f_actual, f_open,
  f_close, f_source }

-- One expert field per severity: a ProtoExpert's severity is fixed when it is created.
local e_error = ProtoExpert.new("tcplint.finding.error", "tcplint error",
  expert.group.PROTOCOL, expert.severity.ERROR)
local e_warning = ProtoExpert.new("tcplint.finding.warning", "tcplint warning",
  expert.group.PROTOCOL, expert.severity.WARN)
local e_info = ProtoExpert.new("tcplint.finding.info", "tcplint info",
  expert.group.SEQUENCE, expert.severity.NOTE)
local e_problem = ProtoExpert.new("tcplint.problem", "tcplint findings problem",
  expert.group.UNDECODED, expert.severity.WARN)
tcplint.experts = { e_error, e_warning, e_info, e_problem }

tcplint.prefs.findings = Pref.string("Findings file", "",
  "TSV written by 'tcplint check -f wireshark -o FILE CAPTURE'")
tcplint.prefs.command = Pref.string("tcplint command", "",
  "Command that runs tcplint (e.g. 'tcplint' or 'java -jar /opt/tcplint.jar'); used when no findings file is found")

local state = nil -- { findings = {frame -> list}, packets = n, first = "sec.nsec", source = s, problem = s }

local function readable(path)
  if path == nil or path == "" then return false end
  local f = io.open(path, "r")
  if f == nil then return false end
  f:close()
  return true
end

-- Quotes a string for /bin/sh: spaces, quotes and $ in file names are safe.
local function shell_quote(s)
  return "'" .. string.gsub(s, "'", "'\\''") .. "'"
end

local function split_tabs(line)
  local out = {}
  local start = 1
  while true do
    local i = string.find(line, "\t", start, true)
    if i == nil then
      out[#out + 1] = string.sub(line, start)
      return out
    end
    out[#out + 1] = string.sub(line, start, i - 1)
    start = i + 1
  end
end

-- Parses a findings TSV: header line, "#capture" fingerprint lines, one row per finding.
local function load(path)
  local st = { findings = {}, packets = nil, first = nil, source = path }
  local f = io.open(path, "r")
  if f == nil then
    st.problem = "cannot read findings file " .. path
    return st
  end
  local header = f:read("*l")
  if header == nil or string.sub(header, 1, 6) ~= "frame\t" then
    f:close()
    st.problem = "not a tcplint findings file (no header line): " .. path
    return st
  end
  local captures = 0
  for line in f:lines() do
    if string.sub(line, 1, 8) == "#capture" then
      captures = captures + 1
      for _, kv in ipairs(split_tabs(line)) do
        local k, v = string.match(kv, "^(%w+)=(.*)$")
        if k == "packets" then st.packets = tonumber(v) end
        if k == "first" then st.first = v end
      end
    elseif line ~= "" then
      local c = split_tabs(line)
      local frame = tonumber(c[1])
      if frame ~= nil and frame > 0 then
        local list = st.findings[frame]
        if list == nil then
          list = {}
          st.findings[frame] = list
        end
        list[#list + 1] = {
          stream = tonumber(c[2]), rule = c[3], severity = c[4], message = c[5] or "",
          expected = tonumber(c[6] or ""), actual = tonumber(c[7] or ""),
          open = c[8] or "", close = c[9] or "",
        }
      end
    end
  end
  f:close()
  if captures > 1 then
    st.problem = "findings file covers " .. captures .. " captures; write one per capture"
  end
  return st
end

-- The open capture file: the shell started by io.popen is a child of (t)shark, whose open file
-- descriptors include the capture (Linux /proc; nothing for standard input).
local function capture_candidates()
  local out = {}
  local p = io.popen('for f in /proc/$PPID/fd/*; do readlink "$f"; done 2>/dev/null')
  if p == nil then return out end
  for line in p:lines() do
    if string.sub(line, 1, 1) == "/" and not string.find(line, "^/dev/")
        and not string.find(line, "^/proc/") and readable(line) then
      out[#out + 1] = line
    end
  end
  p:close()
  return out
end

local function looks_like_capture(path)
  local lower = string.lower(path)
  for _, ext in ipairs({ ".pcapng", ".pcap", ".cap", ".ntar", ".gz", ".xz", ".zst" }) do
    if string.sub(lower, -#ext) == ext then return true end
  end
  return false
end

local function locate()
  local pref = tcplint.prefs.findings
  if pref ~= nil and pref ~= "" then return load(pref) end
  local env = os.getenv("TCPLINT_FINDINGS")
  if env ~= nil and env ~= "" then return load(env) end
  local candidates = capture_candidates()
  for _, c in ipairs(candidates) do
    if readable(c .. ".tcplint.tsv") then return load(c .. ".tcplint.tsv") end
  end
  local cmd = tcplint.prefs.command
  if cmd ~= nil and cmd ~= "" then
    for _, c in ipairs(candidates) do
      if looks_like_capture(c) then
        local out = os.tmpname()
        local p = io.popen(cmd .. " check -q --fail-on never -f wireshark -o " .. shell_quote(out)
          .. " " .. shell_quote(c) .. " 2>&1")
        local text = p and p:read("*a") or ""
        if p then p:close() end
        local st = load(out)
        os.remove(out)
        if st.problem then
          st.problem = "running '" .. cmd .. "' failed: " .. string.gsub(text, "%s+$", "")
        end
        st.source = "tcplint command on " .. c
        return st
      end
    end
  end
  return nil
end

function tcplint.init()
  state = nil -- read lazily: preference values are known only once dissection starts
end

local function severity_expert(sev)
  if sev == "error" then return e_error end
  if sev == "warning" then return e_warning end
  return e_info
end

-- Frame 1's fingerprint as tcplint wrote it: "seconds.nanoseconds/capLen/byteSum".
local function check_first_frame(st, tvb, pinfo)
  if st.first == nil then return end
  local time, len, sum = string.match(st.first, "^([^/]*)/(%d+)/(%d+)$")
  if len == nil then return end
  local n = tvb:len()
  local s = 0
  local bytes = tvb:range(0, n):bytes()
  for i = 0, n - 1 do
    s = (s + bytes:get_index(i)) % 1000000007
  end
  local ok = tonumber(len) == n and tonumber(sum) == s
  if ok and time ~= "-" then
    local want = tonumber(time)
    local got = tonumber(tostring(pinfo.abs_ts))
    -- Lua prints numbers with 14 significant digits: compare to the millisecond.
    if want ~= nil and got ~= nil and math.abs(want - got) > 0.001 then ok = false end
  end
  if not ok then
    st.problem = "findings file does not match this capture (frame 1 differs from the one tcplint read)"
  end
end

function tcplint.dissector(tvb, pinfo, tree)
  if state == nil then
    state = locate() or { findings = {}, none = true }
  end
  local st = state
  if st.none then return end
  if pinfo.number == 1 and not st.checked then
    st.checked = true
    check_first_frame(st, tvb, pinfo)
  end
  if st.packets ~= nil and pinfo.number > st.packets and not st.problem then
    st.problem = "findings file does not match this capture (it lists " .. st.packets
      .. " packets, this capture has more)"
  end
  if st.problem then
    if pinfo.number == 1 then
      local t = tree:add(tcplint, "tcplint: findings not shown")
      t:add(f_source, st.source or "")
      t:add_proto_expert_info(e_problem, st.problem)
    end
    return
  end
  local list = st.findings[pinfo.number]
  if list == nil then return end
  local sub = tree:add(tcplint, "tcplint (" .. #list .. " finding" .. (#list == 1 and "" or "s") .. ")")
  for _, x in ipairs(list) do
    local item = sub:add(f_rule, x.rule)
    item:append_text(" [" .. x.severity .. "] " .. x.message)
    sub:add(f_severity, x.severity)
    sub:add(f_message, x.message)
    if x.stream ~= nil and x.stream >= 0 then sub:add(f_stream, x.stream) end
    if x.expected ~= nil then sub:add(f_expected, x.expected) end
    if x.actual ~= nil then sub:add(f_actual, x.actual) end
    if x.open ~= "" then sub:add(f_open, x.open) end
    if x.close ~= "" then sub:add(f_close, x.close) end
    item:add_proto_expert_info(severity_expert(x.severity), x.rule .. ": " .. x.message)
  end
end

register_postdissector(tcplint)
