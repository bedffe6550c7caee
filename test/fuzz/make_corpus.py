#!/usr/bin/python3
"""Writes the fuzzer's seed corpus (test/fuzz/corpus/): valid client byte
streams of protocol v3, one file per scenario. Rerun after changing it."""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def startup(**params):
    body = struct.pack("!i", 196608)
    for k, v in params.items():
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!i", len(body) + 4) + body


def code_packet(code, *ints):
    body = struct.pack("!i", code) + b"".join(struct.pack("!i", i) for i in ints)
    return struct.pack("!i", len(body) + 4) + body


def msg(kind, body=b""):
    return kind.encode() + struct.pack("!i", len(body) + 4) + body


def cstr(s):
    return s.encode() + b"\0"


def parse(name, sql, types=()):
    return msg("P", cstr(name) + cstr(sql) + struct.pack("!h", len(types)) +
               b"".join(struct.pack("!i", t) for t in types))


def bind(portal, stmt, formats, values, result_formats):
    body = cstr(portal) + cstr(stmt) + struct.pack("!h", len(formats))
    body += b"".join(struct.pack("!h", f) for f in formats)
    body += struct.pack("!h", len(values))
    for v in values:
        body += struct.pack("!i", -1) if v is None else struct.pack("!i", len(v)) + v
    body += struct.pack("!h", len(result_formats))
    body += b"".join(struct.pack("!h", f) for f in result_formats)
    return msg("B", body)


HELLO = startup(user="awsuser", database="dev", application_name="fuzz",
                options="-c search_path=public")
SEEDS = {
    "simple_query": HELLO + msg("Q", cstr("SELECT 1")) + msg("X"),
    "ssl_then_startup": code_packet(80877103) + HELLO + msg("Q", cstr("SHOW search_path")),
    "gss_then_ssl": code_packet(80877104) + code_packet(80877103) + HELLO,
    "cancel": code_packet(80877102, 1234, 987654321),
    "old_protocol": code_packet(131072),
    "extended": HELLO + parse("", "SELECT $1::int + $2", (23, 23)) +
    bind("", "", [0], [b"1", b"2"], [0]) + msg("D", b"P" + cstr("")) +
    msg("E", cstr("") + struct.pack("!i", 0)) + msg("S") + msg("X"),
    "named_binary": HELLO + parse("s1", "SELECT * FROM t WHERE a = $1 AND b = $2", (20, 25)) +
    msg("D", b"S" + cstr("s1")) + msg("H") +
    bind("p1", "s1", [1, 0], [struct.pack("!q", 42), None], [1]) +
    msg("E", cstr("p1") + struct.pack("!i", 10)) + msg("C", b"P" + cstr("p1")) +
    msg("C", b"S" + cstr("s1")) + msg("S") + msg("X"),
    "sasl": startup(user="fuzz") +
    msg("p", cstr("SCRAM-SHA-256") + struct.pack("!i", 32) + b"n,,n=fuzz,r=abcdefghijklmnopqrst"[:32]) +
    msg("p", b"c=biws,r=abcdefghijklmnopqrstSERVERNONCE,p=dGVzdA=="),
    "copy_in": HELLO + msg("Q", cstr("COPY t FROM STDIN")) + msg("d", b"1\tone\n") +
    msg("d", b"2\ttwo\n") + msg("c") + msg("Q", cstr("COPY t FROM STDIN")) +
    msg("f", cstr("client gave up")) + msg("X"),
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
