# Runs a command on a fresh pseudo-terminal (its controlling terminal, as a user's shell would), types Ctrl-C once
# TRIGGER appears in its output, and reports how it ended:
#   python3 ctrl-c.py TRIGGER TIMEOUT_SECONDS COMMAND...
# Last line: "RESULT rc=<exit code or -signal> signaled=<True|False> after=<seconds from Ctrl-C to exit>".
import os, pty, select, signal, sys, time

trigger, timeout, argv = sys.argv[1].encode(), float(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    # A terminal's shell starts commands with the default SIGINT; this test may run as a background job (SIGINT
    # ignored, and inherited through exec), where the guard would then never see the Ctrl-C.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execvp(argv[0], argv)
out, sent, start = b"", None, time.time()
while True:
    if time.time() - start > timeout:
        os.kill(pid, 9)
    if sent is None and trigger in out:
        os.write(fd, b"\x03")
        sent = time.time()
    try:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            data = os.read(fd, 65536)
            if not data:
                break
            out += data
    except OSError:
        break
_, status = os.waitpid(pid, 0)
end = time.time()
sys.stdout.write(out.decode("utf-8", "replace"))
print("\nRESULT rc=%d signaled=%s after=%.2f" % (os.waitstatus_to_exitcode(status), os.WIFSIGNALED(status),
                                                 end - sent if sent else -1))
