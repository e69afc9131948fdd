"""The kill test's final checks (tests/reliability/kill_test.py), made from
the outside through the API: the log against what the clients were told, the
Merkle tree recomputed here (RFC 9162, docs/verification.md) against
VerifyLog and signed checkpoints, and the read models against a rebuild.

Import after the kumppani.v1 stubs are on sys.path. Every check raises
kill_clients.Failure naming what differs.
"""
import base64
import hashlib
import json
import os
import random
import time

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from google.protobuf import json_format
from kumppani.v1 import admin_service_pb2 as admin, audit_service_pb2 as audit
from kumppani.v1 import envelope_pb2, ledger_service_pb2 as ls
from kumppani.v1 import participation_service_pb2 as ps, read_point_pb2
from kumppani.v1 import registry_service_pb2 as rs, registry_views_pb2 as rv

from kill_clients import fail, latest_checkpoint

def leaf_hash(event_bytes):
    return hashlib.sha256(b"\x00" + event_bytes).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


def mth(leaves):
    """RFC 9162 section 2.1.1, literally (docs/verification.md section 3)."""
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


class PerfectSubtrees:
    """Every perfect subtree's hash, so that the root of any prefix is a fold
    of O(log n) of them (docs/verification.md section 3)."""

    def __init__(self, leaves):
        self.levels = [list(leaves)]
        while len(self.levels[-1]) > 1:
            below = self.levels[-1]
            self.levels.append([node_hash(below[2 * i], below[2 * i + 1])
                                for i in range(len(below) // 2)])

    def root(self, size):
        if size == 0:
            return EMPTY_ROOT
        parts, start = [], 0
        for level in reversed(range(size.bit_length())):
            if size & (1 << level):
                parts.append(self.levels[level][start >> level])
                start += 1 << level
        result = parts[-1]
        for part in reversed(parts[:-1]):
            result = node_hash(part, result)
        return result


def verify_inclusion(leaf_index, tree_size, leaf, path, root):
    """RFC 9162 section 2.1.3.2, as docs/verification.md section 4 gives it."""
    if leaf_index >= tree_size:
        return False
    fn, sn, r = leaf_index, tree_size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_checkpoint(note, verifier_key):
    """docs/verification.md section 6: returns (tree size, root) or fails."""
    name, key_id_hex, key = verifier_key.split("+", 2)
    key = base64.b64decode(key)
    if key[0] != 1 or len(key) != 33:
        fail(f"verifier key {verifier_key!r} is not an Ed25519 key")
    text, signatures = note.split("\n\n", 1)
    text += "\n"
    for line in signatures.splitlines():
        prefix = "\u2014 " + name + " "
        if not line.startswith(prefix):
            continue
        blob = base64.b64decode(line[len(prefix):])
        if blob[:4].hex() != key_id_hex:
            continue
        Ed25519PublicKey.from_public_bytes(key[1:]).verify(blob[4:], text.encode())
        origin, size, root, timestamp = text.splitlines()
        if origin != name or not timestamp.startswith("timestamp "):
            fail(f"checkpoint body malformed: {text!r}")
        return int(size), base64.b64decode(root)
    fail(f"checkpoint not signed by the trusted key {verifier_key}: {note!r}")


def read_varint(data, offset):
    value, shift = 0, 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, offset
        shift += 7


def split_read_all_response(data):
    """ReadAllResponse's wire form → ([event bytes as served], next, head),
    so that leaves hash exactly the bytes the server sent, not a re-encoding."""
    events, next_position, head = [], 0, 0
    offset = 0
    while offset < len(data):
        tag, offset = read_varint(data, offset)
        field, wire_type = tag >> 3, tag & 7
        if wire_type == 2:
            length, offset = read_varint(data, offset)
            if field == 1:
                events.append(bytes(data[offset:offset + length]))
            offset += length
        elif wire_type == 0:
            value, offset = read_varint(data, offset)
            if field == 2:
                next_position = value
            elif field == 3:
                head = value
        else:
            fail(f"ReadAllResponse: unexpected wire type {wire_type} of field {field}")
    return events, next_position, head


def read_log(stubs):
    """The whole log as served by ReadAll: [(event bytes, EventEnvelope)]."""
    events, position, head = [], 1, None
    while True:
        data = stubs.read_all_raw(ls.ReadAllRequest(from_position=position, page_size=1000),
                                  timeout=60)
        page, next_position, page_head = split_read_all_response(data)
        head = page_head if head is None else head
        if page_head != head:
            fail(f"the head moved during the final read: {head} then {page_head}")
        for raw in page:
            events.append((raw, envelope_pb2.EventEnvelope.FromString(raw)))
        if next_position > head or not page:
            break
        position = next_position
    return events, head


def check_log(events, head, record):
    if len(events) != head:
        fail(f"ReadAll returned {len(events)} events up to head {head}")
    versions = {}
    by_id = {}
    for index, (_, event) in enumerate(events):
        if event.position != index + 1:
            fail(f"position gap: event {index + 1} of ReadAll has position {event.position}")
        expected = versions.get(event.stream_id, 0) + 1
        if event.stream_version != expected:
            fail(f"stream {event.stream_id}: position {event.position} has version "
                 f"{event.stream_version}, expected {expected}")
        versions[event.stream_id] = expected
        if event.event_id in by_id:
            fail(f"event id {event.event_id.hex()} at positions {by_id[event.event_id]} "
                 f"and {event.position}: duplicated")
        by_id[event.event_id] = event.position
    claimed = {}
    for acked in record.acked:
        r = acked.response
        for offset, (event_id, event_type) in enumerate(zip(r.event_ids, r.event_types)):
            position = r.first_position + offset
            if event_id in claimed:
                fail(f"{acked.request_id}: event id {event_id.hex()} also acknowledged by "
                     f"{claimed[event_id]}")
            claimed[event_id] = acked.request_id
            if position > head:
                fail(f"LOST: {acked.request_id} ({acked.rpc}, acknowledged in cycle "
                     f"{acked.cycle}) at position {position}, beyond the head {head}")
            event = events[position - 1][1]
            if (event.event_id, event.event_type, event.stream_id) != \
                    (event_id, event_type, r.stream_id):
                fail(f"LOST: {acked.request_id} ({acked.rpc}, acknowledged in cycle "
                     f"{acked.cycle}): position {position} holds {event.event_type} "
                     f"{event.event_id.hex()} of {event.stream_id}, acknowledged "
                     f"{event_type} {event_id.hex()} of {r.stream_id}")
            if by_id.get(event_id) != position:
                fail(f"{acked.request_id}: event {event_id.hex()} is at "
                     f"{by_id.get(event_id)}, acknowledged at {position}")
        if events[r.last_position - 1][1].stream_version != r.stream_version:
            fail(f"{acked.request_id}: acknowledged stream version {r.stream_version}, the log "
                 f"has {events[r.last_position - 1][1].stream_version}")
    if len(record.sent_request_ids) != len(record.acked):
        fail(f"{len(record.sent_request_ids)} request ids sent, {len(record.acked)} "
             f"acknowledged: the clients left commands unacknowledged")
    unclaimed = [event for _, event in events if event.event_id not in claimed]
    if unclaimed:
        sample = ", ".join(f"{e.position} {e.event_type} {e.stream_id}" for e in unclaimed[:5])
        fail(f"{len(unclaimed)} events belong to no acknowledged command ({sample}); "
             f"{len(record.sent_request_ids)} request ids were sent, "
             f"{len(record.acked)} acknowledged")


def check_merkle(stubs, events, head, verifier_key, checkpoints, seed):
    leaves = [leaf_hash(raw) for raw, _ in events]
    tree = PerfectSubtrees(leaves)
    root = tree.root(head)
    if root != mth(leaves):
        fail("the two Merkle computations in this test disagree")  # the test's own bug
    result = None
    for message in stubs.admin.VerifyLog(admin.VerifyLogRequest(), timeout=300):
        if message.HasField("result"):
            result = message.result
    if result is None or not result.ok:
        fail(f"VerifyLog: {result}")
    if (result.tree_size, result.root_hash) != (head, root):
        fail(f"VerifyLog root {result.root_hash.hex()} at {result.tree_size}; "
             f"recomputed here {root.hex()} at {head}")
    # The final checkpoint: signed at least once a second while the log grew.
    final = None
    for _ in range(100):
        final = latest_checkpoint(stubs)
        if final is not None and final.tree_size == head:
            break
        time.sleep(0.1)
    if final is None or final.tree_size != head:
        fail(f"no checkpoint at the head {head} within 10 s")
    checkpoints.append(("final", final.tree_size, final.note))
    for cycle, size, note in checkpoints:
        signed_size, signed_root = verify_checkpoint(note, verifier_key)
        if signed_size != size or signed_size > head:
            fail(f"checkpoint of cycle {cycle}: size {signed_size} (head {head})")
        if signed_root != tree.root(signed_size):
            fail(f"checkpoint of cycle {cycle} signed root {signed_root.hex()} at size "
                 f"{signed_size}; the log now gives {tree.root(signed_size).hex()}")
    # Inclusion proofs of some events in the final tree, and their bytes.
    for position in sorted({1, head} | set(random.Random(seed).sample(range(1, head + 1),
                                                                      min(20, head)))):
        proven = stubs.ledger.GetEvent(ls.GetEventRequest(position=position, tree_size=head),
                                       timeout=10)
        if proven.event_bytes != events[position - 1][0]:
            fail(f"GetEvent({position}) bytes differ from ReadAll's")
        if not verify_inclusion(position - 1, head, leaves[position - 1],
                                list(proven.inclusion_proof), root):
            fail(f"the inclusion proof of position {position} does not verify")
    return root, len(checkpoints)


def page_all(call, request, field, token_field="page_token"):
    """Every page of a listing; later pages carry only the token (known_at is
    pinned by it)."""
    pages = []
    response = call(request, timeout=60)
    pages.append(response)
    while response.next_page_token:
        follow = type(request)()
        follow.CopyFrom(request)
        follow.ClearField("known_at")
        setattr(follow, token_field, response.next_page_token)
        response = call(follow, timeout=60)
        pages.append(response)
    return [item for page in pages for item in getattr(page, field)], pages


def dump_read_models(stubs, head, clients, seed):
    """Answers of the read models at known_at = head, as JSON: every
    organisation, body and consultation through the listings, and per
    aggregate the details (a sample of at most 300 of each kind)."""
    at = read_point_pb2.KnownAt(position=head)
    rng = random.Random(seed)
    dump = {}

    def put(key, message):
        dump[key] = json_format.MessageToJson(message, sort_keys=True)

    def sample(items):
        items = sorted(items)
        return items if len(items) <= 300 else sorted(rng.sample(items, 300))

    orgs, pages = page_all(stubs.registry.ListOrganisations,
                           rs.ListOrganisationsRequest(known_at=at, page_size=1000),
                           "organisations")
    for i, page in enumerate(pages):
        put(f"ListOrganisations#{i}", page)
    bodies, pages = page_all(stubs.registry.ListBodies,
                             rs.ListBodiesRequest(known_at=at, page_size=1000), "bodies")
    for i, page in enumerate(pages):
        put(f"ListBodies#{i}", page)
    consultations, pages = page_all(stubs.participation.ListConsultations,
                                    ps.ListConsultationsRequest(known_at=at, page_size=1000),
                                    "consultations")
    for i, page in enumerate(pages):
        put(f"ListConsultations#{i}", page)
    org_ids = [o.organisation_id for o in orgs]
    body_ids = [b.body_id for b in bodies]
    for org in sample(org_ids):
        put(f"GetOrganisation {org}", stubs.registry.GetOrganisation(
            rs.GetOrganisationRequest(organisation_id=org, known_at=at), timeout=30))
        put(f"GetOrganisationFootprint {org}", stubs.audit.GetOrganisationFootprint(
            audit.GetOrganisationFootprintRequest(organisation_id=org, known_at=at), timeout=30))
    for body in sample(body_ids):
        put(f"GetBody {body}", stubs.registry.GetBody(
            rs.GetBodyRequest(body_id=body, known_at=at), timeout=30))
        put(f"GetBodyRoster {body}", stubs.registry.GetBodyRoster(
            rs.GetBodyRosterRequest(body_id=body, known_at=at), timeout=30))
        memberships, pages = page_all(stubs.registry.ListMemberships, rs.ListMembershipsRequest(
            filter=rs.MembershipFilter(body_id=body), known_at=at, page_size=1000), "memberships")
        for i, page in enumerate(pages):
            put(f"ListMemberships {body}#{i}", page)
    persons = [p for c in clients for p in c.persons]
    for person in sample(persons):
        put(f"GetPerson {person}", stubs.registry.GetPerson(
            rs.GetPersonRequest(person_id=person, known_at=at), timeout=30))
    submissions = [s[0] for c in clients for s in c.submissions]
    for submission in sample(submissions):
        put(f"GetSubmission {submission}", stubs.participation.GetSubmission(
            ps.GetSubmissionRequest(submission_id=submission, known_at=at), timeout=30))
    return dump, orgs, bodies, consultations


def check_against_clients(clients, orgs, bodies, consultations, dump):
    """The read models hold what the clients recorded."""
    names = {o.organisation_id: o.name.fi for o in orgs}
    expected_names = {org: name for c in clients for org, name in c.org_names.items()}
    if names != expected_names:
        wrong = [(k, names.get(k), v) for k, v in expected_names.items() if names.get(k) != v]
        fail(f"organisations: {len(names)} listed, {len(expected_names)} recorded; "
             f"first differences {wrong[:3]}")
    status = {b.body_id: b.status for b in bodies}
    expected_status = {b.body_id: rv.BODY_STATUS_ACTIVE if b.open else rv.BODY_STATUS_DISSOLVED
                       for c in clients for b in c.bodies.values()}
    if status != expected_status:
        fail(f"bodies: {len(status)} listed, {len(expected_status)} recorded, or a status differs")
    listed = {c.consultation_id for c in consultations}
    expected = {cid for c in clients for cid, _ in c.consultations}
    if listed != expected:
        fail(f"consultations: {len(listed)} listed, {len(expected)} recorded")
    ends = {"resigned": rv.MEMBERSHIP_END_RESIGNED, "term ended": rv.MEMBERSHIP_END_TERM_ENDED}
    for body in (b for c in clients for b in c.bodies.values()):
        if f"GetBodyRoster {body.body_id}" not in dump:
            continue  # not in the sample
        roster = json_format.Parse(dump[f"GetBodyRoster {body.body_id}"],
                                   rs.GetBodyRosterResponse()).roster
        seats = {s.seat.seat_id for s in roster.seats}
        holders = {h.membership_id: (s.seat.seat_id, h.person_id)
                   for s in roster.seats for h in s.holders}
        if body.open and (seats != set(body.seats) or holders != body.members):
            fail(f"{body.body_id}: roster seats {sorted(seats)} held by {holders}; "
                 f"recorded seats {sorted(body.seats)} held by {body.members}")
        listed = {}
        for key in (k for k in dump if k.startswith(f"ListMemberships {body.body_id}#")):
            page = json_format.Parse(dump[key], rs.ListMembershipsResponse())
            listed.update({m.membership_id: m.end for m in page.memberships})
        expected = {m: rv.MEMBERSHIP_END_UNSPECIFIED for m in body.members}
        expected.update({m: ends[how] for m, how in body.ended.items()})
        if listed != expected:
            fail(f"{body.body_id}: memberships and how they ended {listed}, recorded {expected}")


def rebuild_all(stubs):
    deadline = time.monotonic() + 120
    while True:
        try:
            result = None
            for message in stubs.admin.RebuildProjections(
                    admin.RebuildProjectionsRequest(all=True), timeout=300):
                if message.HasField("result"):
                    result = message.result
            break
        except grpc.RpcError as error:
            # A rebuild started before the last kill is not running any more,
            # but one started after it may still be finishing.
            if error.code() != grpc.StatusCode.FAILED_PRECONDITION or \
                    time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    if result is None or not result.projections:
        fail(f"RebuildProjections gave no result: {result}")
    for _ in range(600):
        statuses = stubs.admin.GetProjectionStatus(admin.GetProjectionStatusRequest(),
                                                   timeout=10).projections
        if all(s.state == admin.ProjectionStatus.READY for s in statuses):
            return result
        time.sleep(0.1)
    fail(f"projections not READY after the rebuild: {statuses}")


def compare_dumps(before, after, directory):
    """Fails naming the answers that differ; leaves both dumps in directory."""
    if before == after:
        return
    keys = sorted(set(before) | set(after))
    differing = [k for k in keys if before.get(k) != after.get(k)]
    path = os.path.join(directory, "read-models")
    with open(path + "-live.json", "w") as out:
        json.dump(before, out, indent=1, sort_keys=True)
    with open(path + "-rebuilt.json", "w") as out:
        json.dump(after, out, indent=1, sort_keys=True)
    fail(f"live read models differ from a rebuild in {len(differing)} of {len(keys)} answers "
         f"(first: {differing[:5]}); both dumps in {path}-*.json")


def check_server_log(path):
    """No error or critical line in the server's log over all the runs (an
    INTERNAL answer is logged as an error with its incident id)."""
    levels, bad = {}, []
    with open(path, errors="replace") as log:
        for line in log:
            fields = line.split(" ", 2)
            level = fields[1] if len(fields) > 2 else "?"
            levels[level] = levels.get(level, 0) + 1
            if level in ("error", "critical"):
                bad.append(line.rstrip())
    if bad:
        fail(f"the server logged {len(bad)} error lines, first: {bad[:3]}")
    print(f"server log: {levels}", flush=True)
