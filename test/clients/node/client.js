// node-postgres against `tributary serve` (TLS required, SCRAM). Reads
// TRIBUTARY_PORT, TRIBUTARY_PASSWORD and TRIBUTARY_FED_SQL (CREATE EXTERNAL
// SCHEMA ndsrc ...) from the environment; prints "node-postgres ok".
'use strict';
const assert = require('assert');
const net = require('net');
const { Client } = require('pg');

const port = Number(process.env.TRIBUTARY_PORT);
const password = process.env.TRIBUTARY_PASSWORD;

function config(user = 'awsuser', secret = password, ssl = { rejectUnauthorized: false }) {
  return { host: '127.0.0.1', port, user, password: secret, database: 'dev', ssl,
           connectionTimeoutMillis: 10000 };
}

// A CancelRequest for the client's session (pg has no cancel call of its own).
function cancel(client) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      const packet = Buffer.alloc(16);
      packet.writeInt32BE(16, 0);
      packet.writeInt32BE(80877102, 4);
      packet.writeInt32BE(client.processID, 8);
      packet.writeInt32BE(client.secretKey, 12);
      socket.end(packet);
    });
    socket.on('close', resolve);
    socket.on('error', reject);
  });
}

async function refused(cfg, expected) {
  const c = new Client(cfg);
  try {
    await c.connect();
  } catch (e) {
    assert(e.message.includes(expected), e.message);
    return;
  }
  await c.end();
  throw new Error('login was not refused: ' + JSON.stringify(cfg.user));
}

(async () => {
  const c = new Client(config());
  await c.connect();
  assert(c.connection.stream.encrypted, 'TLS is used');
  await c.query('CREATE TABLE nd(id INTEGER NOT NULL, name VARCHAR(20))');
  for (let i = 1; i <= 5; i++)
    await c.query('INSERT INTO nd VALUES ($1, $2)', [i, 'n' + i]);
  // A named (server-side) prepared statement, run again with new values.
  for (let k = 0; k < 4; k++) {
    const r = await c.query({ name: 'nd_from', text: 'SELECT count(*) AS n FROM nd WHERE id >= $1',
                              values: [k + 1] });
    assert.strictEqual(r.rows[0].n, String(5 - k));
  }
  // Metadata.
  let r = await c.query(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ' +
      'ORDER BY ordinal_position', ['nd']);
  assert.deepStrictEqual(r.rows, [{ column_name: 'id', data_type: 'integer' },
                                  { column_name: 'name', data_type: 'character varying' }]);
  r = await c.query("SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n " +
                    "ON n.oid = c.relnamespace WHERE c.relname = 'nd'");
  assert.deepStrictEqual(r.rows, [{ nspname: 'public' }]);
  // A federated join.
  await c.query(process.env.TRIBUTARY_FED_SQL);
  r = await c.query('SELECT count(*) AS n, sum(s.id) AS total FROM nd l JOIN ndsrc.client_src s ' +
                    'ON s.id = l.id');
  assert.deepStrictEqual(r.rows, [{ n: '5', total: '15' }]);
  // Cancelling a long query.
  const long = c.query(
      'SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 1000000) b');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await cancel(c);
  await assert.rejects(long, (e) => e.code === '57014');
  r = await c.query('SELECT 7 AS seven');
  assert.strictEqual(r.rows[0].seven, 7);
  await c.end();
  // Refusals: a wrong password, an unknown user, no TLS.
  await refused(config('awsuser', 'wrong'), 'password authentication failed for user "awsuser"');
  await refused(config('nobody'), 'password authentication failed for user "nobody"');
  await refused(config('awsuser', password, false), 'requires TLS');
  console.log('node-postgres ok');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
