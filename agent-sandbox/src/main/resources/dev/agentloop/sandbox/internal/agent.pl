# agentloop sandbox agent: PID 1 of a sandbox container.
#
# It runs the host's commands one at a time, so a command costs a fork and an exec instead of a `docker exec`
# (which sets up a new runc process every time). Only perl-base is used: it is Essential in Debian, so every
# Debian-based sandbox image has it whatever language it is for.
#
# Protocol, over the container's stdin/stdout (attached by the host), every message framed as a 4-byte
# big-endian length followed by the payload:
#   host -> agent   RUN\0id\0cwd\0cap\0nenv\0k=v...\0argv...     run a command
#                   KILL\0id                                     kill the running command `id` (time limit hit)
#   agent -> host   "DONE id kind code outlen outdropped errlen errdropped oom\n" stdout-bytes stderr-bytes
#                   kind: exit (code = exit status), signal (code = signal), killed (after KILL),
#                   spawnfail (the command could not be started; stderr says why)
# When stdin ends (the host went away), the agent kills everything and exits, so the container stops.
#
# Start-up time is on the path of every task's first command, so the agent loads no module but strict: POSIX and
# IO::Select (or even %! through Errno) cost several milliseconds each to load, more than the agent's own work.
# The few constants it needs are Linux's, the same on every architecture.
use strict;

sub EINTR () { 4 }      # errno of an interrupted system call
sub WNOHANG () { 1 }    # waitpid flag: do not block

$SIG{PIPE} = 'IGNORE';
# Only here so that select() is interrupted when a child ends; the loop polls waitpid itself.
$SIG{CHLD} = sub { };
binmode(STDIN);
binmode(STDOUT);

my $inbuf = '';
my $stdin_fd = fileno(STDIN);

sub take_message {
    return undef if length($inbuf) < 4;
    my $len = unpack('N', $inbuf);
    return undef if length($inbuf) < 4 + $len;
    my $msg = substr($inbuf, 4, $len);
    substr($inbuf, 0, 4 + $len) = '';
    return $msg;
}

# One read from stdin into the buffer; false at end of input.
sub read_stdin {
    while (1) {
        my $r = sysread(STDIN, $inbuf, 65536, length($inbuf));
        if (!defined $r) {
            next if $! == EINTR;
            return 0;
        }
        return $r > 0;
    }
}

sub read_message {
    while (1) {
        my $m = take_message();
        return $m if defined $m;
        return undef unless read_stdin();
    }
}

sub write_all {
    my ($data) = @_;
    my $off = 0;
    while ($off < length($data)) {
        my $w = syswrite(STDOUT, $data, length($data) - $off, $off);
        if (!defined $w) {
            next if $! == EINTR;
            shutdown_all();
        }
        $off += $w;
    }
}

sub respond {
    my ($id, $kind, $code, $out, $outdrop, $err, $errdrop, $oom) = @_;
    my $body = join(' ', 'DONE', $id, $kind, $code, length($out), $outdrop, length($err), $errdrop, $oom)
        . "\n" . $out . $err;
    write_all(pack('N', length($body)) . $body);
}

# The memory cgroup's OOM-kill counter (v2, then v1); -1 when unreadable.
sub oom_kills {
    for my $f ('/sys/fs/cgroup/memory.events', '/sys/fs/cgroup/memory/memory.oom_control') {
        if (open(my $fh, '<', $f)) {
            while (my $l = <$fh>) {
                return $1 if $l =~ /^oom_kill\s+(\d+)/;
            }
        }
    }
    return -1;
}

# The handles among @handles that are ready to read within $timeout seconds (what IO::Select's can_read does).
sub can_read {
    my ($timeout, @handles) = @_;
    my $bits = '';
    vec($bits, fileno($_), 1) = 1 for @handles;
    my $n = select(my $ready = $bits, undef, undef, $timeout);
    return () if $n <= 0;
    return grep { vec($ready, fileno($_), 1) } @handles;
}

sub others_alive {
    opendir(my $d, '/proc') or return 0;
    for my $e (readdir($d)) {
        return 1 if $e =~ /^\d+$/ && $e != $$;
    }
    return 0;
}

# Kills every process but this one (kill -1 from PID 1 reaches the whole container): the command's tree and
# whatever it left in the background. Repeated because a fork bomb keeps forking while it is being killed.
# Outside a container of its own (not PID 1) only the command's process group is killed.
my $current_pid = 0;

sub kill_others {
    if ($$ != 1) {
        kill('KILL', -$current_pid) if $current_pid > 0;
        1 while waitpid(-1, WNOHANG) > 0;
        return 1;
    }
    for my $round (1 .. 400) {
        kill('KILL', -1);
        1 while waitpid(-1, WNOHANG) > 0;
        return 1 unless others_alive();
        select(undef, undef, undef, 0.005);
    }
    return 0;
}

sub shutdown_all {
    kill_others();
    exit(0);
}

sub run_command {
    my ($id, $cwd, $cap, $env, $argv) = @_;
    my $oom_before = oom_kills();
    my ($out_r, $out_w, $err_r, $err_w);
    unless (pipe($out_r, $out_w) && pipe($err_r, $err_w)) {
        return respond($id, 'spawnfail', 0, '', 0, "cannot create pipes: $!\n", 0, 0);
    }
    my $pid = fork();
    if (!defined $pid) {
        my $why = "$!";
        close($_) for ($out_r, $out_w, $err_r, $err_w);
        kill_others();
        return respond($id, 'spawnfail', 0, '', 0, "cannot start the command: $why\n", 0, 0);
    }
    if ($pid == 0) {
        $SIG{PIPE} = 'DEFAULT';
        $SIG{CHLD} = 'DEFAULT';
        # Its own process group, so the whole tree can be killed outside a container of its own (there is no
        # terminal to leave, so a new session would add nothing).
        setpgrp(0, 0);
        open(STDIN, '<', '/dev/null');
        open(STDOUT, '>&', $out_w);
        open(STDERR, '>&', $err_w);
        close($_) for ($out_r, $out_w, $err_r, $err_w);
        if (!chdir($cwd)) {
            print STDERR "cannot enter $cwd: $!\n";
            exit(126);
        }
        @ENV{keys %$env} = values %$env;
        exec { $argv->[0] } @$argv;
        print STDERR "cannot run $argv->[0]: $!\n";
        exit(127);
    }
    $current_pid = $pid;
    close($out_w);
    close($err_w);

    my ($ofd, $efd) = (fileno($out_r), fileno($err_r));
    my %buf = ($ofd => '', $efd => '');
    my %dropped = ($ofd => 0, $efd => 0);
    my @pipes = ($out_r, $err_r);
    my $status;
    my $killed = 0;

    my $read_pipe = sub {
        my ($h) = @_;
        my $chunk;
        my $r = sysread($h, $chunk, 65536);
        return if !defined $r && $! == EINTR;
        if (!$r) {
            @pipes = grep { $_ != $h } @pipes;
            return;
        }
        my $fd = fileno($h);
        my $room = $cap - length($buf{$fd});
        if ($room >= $r) {
            $buf{$fd} .= $chunk;
        } else {
            $buf{$fd} .= substr($chunk, 0, $room) if $room > 0;
            $dropped{$fd} += $r - ($room > 0 ? $room : 0);
        }
    };

    while (1) {
        my $w = waitpid($pid, WNOHANG);
        if ($w == $pid) {
            $status = $?;
            last;
        }
        for my $h (can_read(0.25, @pipes, \*STDIN)) {
            if (fileno($h) == $stdin_fd) {
                shutdown_all() unless read_stdin();
                while (defined(my $m = take_message())) {
                    my ($op, $kid) = split(/\0/, $m, -1);
                    $killed = 1 if $op eq 'KILL' && defined $kid && $kid eq $id;
                }
            } else {
                $read_pipe->($h);
            }
        }
        last if $killed;
    }

    # The command is over (or being killed): nothing else may outlive it.
    kill_others();
    my $deadline = time() + 2;
    while (@pipes && time() <= $deadline) {
        $read_pipe->($_) for can_read(0.25, @pipes);
    }
    close($out_r);
    close($err_r);
    my $oom_after = oom_kills();
    my $oom = ($oom_before >= 0 && $oom_after > $oom_before) ? 1 : 0;
    my ($kind, $code);
    if ($killed) {
        ($kind, $code) = ('killed', 9);
    } elsif (($status & 127) == 0) {
        ($kind, $code) = ('exit', $status >> 8);
    } else {
        ($kind, $code) = ('signal', $status & 127);
    }
    $current_pid = 0;
    respond($id, $kind, $code, $buf{$ofd}, $dropped{$ofd}, $buf{$efd}, $dropped{$efd}, $oom);
}

while (defined(my $msg = read_message())) {
    my @f = split(/\0/, $msg, -1);
    my $op = shift @f;
    next unless $op eq 'RUN';
    my ($id, $cwd, $cap, $nenv) = splice(@f, 0, 4);
    my %env;
    for (1 .. $nenv) {
        my ($k, $v) = split(/=/, shift(@f), 2);
        $env{$k} = $v;
    }
    run_command($id, $cwd, $cap, \%env, \@f);
}
shutdown_all();
