-- wrk script for benchreport's answers load: every request POSTs a new
-- answer, as a browser does, to /api/answers, with a random reader token and
-- a random answer id (22 characters of base64url, what the widget makes) for
-- a random question and choice of the story. So every answer is stored, and
-- every one is a reader the store has not seen: the most index work an
-- answer can cost.
--
--   wrk -t2 -c64 -d20s --latency -s answers.lua http://127.0.0.1:PORT -- STORY q1:a|b|c|d,q2:a|b|c|d,...
--
-- The story and its questions, each with its choices, come after "--".

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local story, questions

local function split(s, sep)
  local out = {}
  for v in string.gmatch(s or "", "[^" .. sep .. "]+") do
    out[#out + 1] = v
  end
  return out
end

-- Each thread seeds its own generator from the kernel's random bytes, so
-- two threads (or two runs) never send the same tokens.
local function seed()
  local f = io.open("/dev/urandom", "rb")
  local n = os.time()
  if f then
    local b = f:read(4)
    f:close()
    n = b:byte(1) + b:byte(2) * 256 + b:byte(3) * 65536 + b:byte(4) * 16777216
  end
  math.randomseed(n)
end

local function token()
  local t = {}
  for i = 1, 22 do
    local k = math.random(1, 64)
    t[i] = alphabet:sub(k, k)
  end
  return table.concat(t)
end

function init(args)
  story = args[1]
  questions = {}
  for _, q in ipairs(split(args[2], ",")) do
    local id, choices = q:match("^([^:]+):(.+)$")
    if id == nil then
      error("not QUESTION:CHOICE|CHOICE|...: " .. q)
    end
    questions[#questions + 1] = { id = id, choices = split(choices, "|") }
  end
  if story == nil or #questions == 0 then
    error("usage: wrk ... -s answers.lua URL -- STORY q1:a|b|c,q2:...")
  end
  seed()
  wrk.method = "POST"
  wrk.path = "/api/answers"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local q = questions[math.random(1, #questions)]
  local body = string.format('{"story":"%s","question":"%s","choice":"%s","reader":"%s","answer":"%s"}',
    story, q.id, q.choices[math.random(1, #q.choices)], token(), token())
  return wrk.format(nil, nil, nil, body)
end
