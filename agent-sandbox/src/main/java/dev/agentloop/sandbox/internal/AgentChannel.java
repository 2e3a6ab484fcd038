package dev.agentloop.sandbox.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's end of the protocol with the in-container agent, over the container's attached stdin/stdout. Requests
 * are framed and written to a pipe that docker-java pumps into the hijacked connection; replies are decoded from
 * the stdout frames. One request at a time (the session serialises them).
 */
final class AgentChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentChannel.class);
    private static final int MAX_DIAGNOSTICS = 8_192;

    private final Pipe.SinkChannel sink;
    private final LinkedBlockingQueue<Object> replies = new LinkedBlockingQueue<>();
    private final StringBuilder diagnostics = new StringBuilder();
    private final Decoder decoder = new Decoder();
    private final Callback callback = new Callback();
    private volatile boolean closed;

    private AgentChannel(Pipe.SinkChannel sink) {
        this.sink = sink;
    }

    /** Attaches to a started container's stdin and stdout. */
    static AgentChannel attach(DockerClient docker, String containerId) throws IOException {
        Pipe pipe = Pipe.open();
        InputStream stdin = Channels.newInputStream(pipe.source());
        AgentChannel channel = new AgentChannel(pipe.sink());
        docker.attachContainerCmd(containerId)
                .withStdIn(stdin)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withLogs(false)
                .exec(channel.callback);
        return channel;
    }

    /** Sends one message (fields joined by NUL, framed with its length). */
    void send(List<String> fields) throws AgentGoneException {
        byte[] payload = String.join("\0", fields).getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length);
        frame.putInt(payload.length).put(payload).flip();
        synchronized (sink) {
            try {
                while (frame.hasRemaining()) {
                    sink.write(frame);
                }
            } catch (IOException e) {
                throw new AgentGoneException("cannot write to the sandbox agent: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Waits for the reply to request {@code id}, dropping stale replies to earlier requests.
     *
     * @throws TimeoutException when none came within {@code timeout}
     * @throws AgentGoneException when the agent's stream ended
     */
    AgentReply await(String id, Duration timeout) throws TimeoutException, AgentGoneException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object next = left <= 0 ? replies.poll() : replies.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new TimeoutException("no reply within " + timeout);
            }
            if (next instanceof Throwable gone) {
                replies.offer(next);
                throw new AgentGoneException(
                        "the sandbox agent's stream ended" + (diagnostics().isEmpty() ? "" : ": " + diagnostics()),
                        gone);
            }
            AgentReply reply = (AgentReply) next;
            if (reply.id().equals(id)) {
                return reply;
            }
            LOG.debug("dropping a stale agent reply to request {}", reply.id());
        }
    }

    /** What the agent wrote to its stderr (perl errors), for diagnostics. */
    String diagnostics() {
        synchronized (diagnostics) {
            return diagnostics.toString().trim();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sink.close();
        } catch (IOException e) {
            LOG.debug("closing the agent pipe failed", e);
        }
        try {
            callback.close();
        } catch (IOException e) {
            LOG.debug("closing the attach stream failed", e);
        }
    }

    private final class Callback extends ResultCallback.Adapter<Frame> {
        @Override
        public void onNext(Frame frame) {
            if (frame.getStreamType() == StreamType.STDERR) {
                synchronized (diagnostics) {
                    if (diagnostics.length() < MAX_DIAGNOSTICS) {
                        diagnostics.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
                return;
            }
            for (AgentReply reply : decoder.feed(frame.getPayload())) {
                replies.offer(reply);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (!closed) {
                LOG.debug("sandbox agent stream failed", throwable);
            }
            replies.offer(throwable);
            super.onError(throwable);
        }

        @Override
        public void onComplete() {
            replies.offer(new IOException("the sandbox container closed its output"));
            super.onComplete();
        }
    }

    /** Reassembles length-framed replies from stream frames of any size. */
    static final class Decoder {
        private byte[] buffer = new byte[8_192];
        private int length;

        List<AgentReply> feed(byte[] bytes) {
            ensure(length + bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
            java.util.ArrayList<AgentReply> out = new java.util.ArrayList<>(1);
            int offset = 0;
            while (length - offset >= 4) {
                int size = ByteBuffer.wrap(buffer, offset, 4).getInt();
                if (length - offset - 4 < size) {
                    break;
                }
                out.add(parse(buffer, offset + 4, size));
                offset += 4 + size;
            }
            if (offset > 0) {
                System.arraycopy(buffer, offset, buffer, 0, length - offset);
                length -= offset;
            }
            return out;
        }

        private void ensure(int capacity) {
            if (capacity > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
            }
        }

        static AgentReply parse(byte[] data, int start, int size) {
            int newline = start;
            int end = start + size;
            while (newline < end && data[newline] != '\n') {
                newline++;
            }
            String[] head = new String(data, start, newline - start, StandardCharsets.US_ASCII).split(" ");
            if (head.length != 9 || !head[0].equals("DONE")) {
                throw new IllegalStateException("unexpected reply from the sandbox agent: " + String.join(" ", head));
            }
            int outLength = Integer.parseInt(head[4]);
            int errLength = Integer.parseInt(head[6]);
            int bodyStart = newline + 1;
            byte[] out = Arrays.copyOfRange(data, bodyStart, bodyStart + outLength);
            byte[] err = Arrays.copyOfRange(data, bodyStart + outLength, bodyStart + outLength + errLength);
            return new AgentReply(
                    head[1],
                    head[2],
                    Integer.parseInt(head[3]),
                    out,
                    Long.parseLong(head[5]),
                    err,
                    Long.parseLong(head[7]),
                    head[8].equals("1"));
        }
    }
}
