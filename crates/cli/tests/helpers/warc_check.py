"""Read a WARC file with warcio (the Webrecorder library pywb uses) and print, as JSON, each
record's type, target and whether its payload digest matches its payload."""
import base64, hashlib, json, sys
from warcio.archiveiterator import ArchiveIterator

out = []
with open(sys.argv[1], "rb") as f:
    for rec in ArchiveIterator(f, check_digests=True):
        entry = {"type": rec.rec_type, "uri": rec.rec_headers.get_header("WARC-Target-URI")}
        if rec.rec_type == "response":
            payload = rec.content_stream().read()
            algo, _, coded = rec.rec_headers.get_header("WARC-Payload-Digest").partition(":")
            entry["digest_ok"] = algo == "sha256" and base64.b32decode(coded) == hashlib.sha256(payload).digest()
            entry["status"] = rec.http_headers.get_statuscode()
            entry["sha256"] = hashlib.sha256(payload).hexdigest()
        else:
            rec.content_stream().read()
        # warcio's own digest check (block and payload), when it ran
        entry["warcio_digest"] = rec.digest_checker.passed if rec.digest_checker else None
        out.append(entry)
print(json.dumps(out))
