// DuckDB side of bench/run: one JSON request per line on stdin, one JSON
// reply per line on stdout.
//   {"load": {"dir": DIR, "ddl": {table: "create table ..."}}}  -> {"ok": true}
//   {"sql": SQL, "runs": N, "warmup": W, "timeout_s": T}
//        -> {"seconds": [...], "rows": [[...]], "peak_rss_kib": K}
// Errors come back as {"error": text}. Peak RSS is this process's high-water
// mark, reset before each query through /proc/self/clear_refs.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();

function resetPeak() {
  try { writeFileSync('/proc/self/clear_refs', '5'); } catch { /* not Linux or not allowed */ }
}

function peakKib() {
  try {
    const m = readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\s+(\d+)/m);
    return m ? Number(m[1]) : null;
  } catch { return null; }
}

async function load({ dir, ddl }) {
  for (const [table, create] of Object.entries(ddl)) {
    await connection.run(create);
    await connection.run(`COPY ${table} FROM '${dir}/${table}.tbl' (DELIMITER '|', HEADER false)`);
  }
  return { ok: true };
}

async function query({ sql, runs, warmup, timeout_s }) {
  const seconds = [];
  let rows = [];
  let peak = null;
  for (let i = 0; i < warmup + runs; i++) {
    resetPeak();
    const timer = timeout_s ? setTimeout(() => connection.interrupt(), timeout_s * 1000) : null;
    const start = process.hrtime.bigint();
    try {
      const reader = await connection.runAndReadAll(sql);
      rows = reader.getRowsJson();
    } finally {
      if (timer) clearTimeout(timer);
    }
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    if (i >= warmup) seconds.push(elapsed);
    peak = peakKib();
  }
  return { seconds, rows, peak_rss_kib: peak };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  let reply;
  try {
    reply = request.load ? await load(request.load) : await query(request);
  } catch (e) {
    reply = { error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
