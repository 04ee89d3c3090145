#!/usr/bin/perl
# perltest.pl: Debian's Sys::Virt (libsys-virt-perl), unmodified, on our
# library
#
# Run by perltest.py, which sets LD_LIBRARY_PATH to our build (nothing
# preloaded), makes itself the subreaper of the QEMUs and cleans up.
# Drives the lifecycle through qemu:///embed?root=ROOT on real QEMU:
# capabilities, define, start, state, info, XML, lists, lifecycle events
# through Sys::Virt::Event's default implementation, destroy with
# GRACEFUL on an idle and on a frozen QEMU (error code 9, QEMU alive,
# then a DEFAULT destroy works), undefine.  Prints TAP.
#
#   perltest.pl ROOT UUID1
#
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;

use Sys::Virt;
use Sys::Virt::Event;
use Time::HiRes qw(time sleep);

my ($root, $uuid) = @ARGV;
my $n = 0;
my $failed = 0;

sub ok {
    my ($ok, $title, @diags) = @_;
    $n++;
    $failed++ unless $ok;
    print(($ok ? "ok" : "not ok") . " $n - $title\n");
    print map { "# $_\n" } @diags unless $ok;
    return $ok;
}

sub qemu_pid {
    # QEMU's pid, as the domain's status file records it.
    open(my $fh, "<", "$root/run/qemu/$_[0].xml") or return undef;
    local $/;
    my $status = <$fh>;
    return $status =~ / pid='(\d+)'/ ? $1 : undef;
}

sub proc_state {
    open(my $fh, "<", "/proc/$_[0]/stat") or return "";
    my $stat = <$fh>;
    $stat =~ /\) (\S)/;
    return $1;
}

my $xml = <<"EOF";
<domain type='qemu'>
  <name>plguest</name>
  <uuid>$uuid</uuid>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><memballoon model='none'/></devices>
</domain>
EOF

eval {
    my @maps = do { open(my $fh, "<", "/proc/self/maps"); grep { /libvirt\.so\.0/ } <$fh> };
    my %libs = map { (split(/\s+/, $_))[5] => 1 } @maps;
    ok(scalar(keys %libs) == 1 && (keys %libs)[0] eq "$ENV{LD_LIBRARY_PATH}/libvirt.so.0.9000.0",
       "Debian's Sys::Virt loads our libvirt.so.0 only", keys %libs);

    Sys::Virt::Event::register_default();
    my $conn = Sys::Virt->new(uri => "qemu:///embed?root=$root");
    ok($conn->get_type() eq "QEMU" && $conn->get_library_version() == 9000000,
       "connect: type and library version");
    my $caps = $conn->get_capabilities();
    ok($caps =~ /<domain type='qemu'/ && $caps =~ /<arch>x86_64<\/arch>/,
       "get_capabilities");
    my $info = $conn->get_node_info();
    ok($info->{cpus} >= 1 && $info->{memory} > 0, "get_node_info");
    my @nets = $conn->list_all_networks();
    my @pools = $conn->list_all_storage_pools();
    ok(@nets == 0 && @pools == 0, "no networks, no storage pools");

    my @events;
    my $cbid = $conn->domain_event_register_any(
        undef, Sys::Virt::Domain::EVENT_ID_LIFECYCLE,
        sub { my ($c, $d, $ev, $detail) = @_; push @events, [$d->get_name(), $ev, $detail]; });

    my $dom = $conn->define_domain($xml);
    ok($dom->get_name() eq "plguest" && $dom->get_uuid_string() eq $uuid &&
       $dom->is_persistent() && !$dom->is_active(), "define_domain");
    ok(defined($dom->get_autostart()) && !$dom->get_autostart() &&
       defined($dom->has_managed_save_image(0)) && !$dom->has_managed_save_image(0),
       "autostart 0, no managed save image");

    $dom->create();
    my ($state, $reason) = $dom->get_state();
    ok($state == Sys::Virt::Domain::STATE_RUNNING, "create: running", "state $state/$reason");
    my $dinfo = $dom->get_info();
    ok($dinfo->{memory} == 65536 && $dinfo->{nrVirtCpu} == 1, "get_info");
    ok($dom->get_xml_description() =~ /<name>plguest<\/name>/, "get_xml_description");
    my @doms = $conn->list_all_domains();
    ok(@doms == 1 && $doms[0]->get_name() eq "plguest" &&
       $conn->get_domain_by_id($dom->get_id())->get_name() eq "plguest",
       "list_all_domains, get_domain_by_id");

    $dom->destroy(Sys::Virt::Domain::DESTROY_GRACEFUL);
    ($state, $reason) = $dom->get_state();
    ok($state == Sys::Virt::Domain::STATE_SHUTOFF &&
       $reason == Sys::Virt::Domain::STATE_SHUTOFF_DESTROYED,
       "destroy(GRACEFUL) of an idle guest: shut off, destroyed", "state $state/$reason");
    my $deadline = time() + 10;
    while (time() < $deadline &&
           !grep { $_->[1] == Sys::Virt::Domain::EVENT_STOPPED } @events) {
        Sys::Virt::Event::run_default();
    }
    ok((grep { $_->[1] == Sys::Virt::Domain::EVENT_STARTED } @events) &&
       (grep { $_->[1] == Sys::Virt::Domain::EVENT_STOPPED &&
               $_->[2] == Sys::Virt::Domain::EVENT_STOPPED_DESTROYED } @events),
       "lifecycle events: started, stopped", map { join(",", @$_) } @events);

    $dom->create();
    my $pid = qemu_pid("plguest");
    kill("STOP", $pid);
    eval { $dom->destroy(Sys::Virt::Domain::DESTROY_GRACEFUL); };
    my $err = $@;
    ok(ref($err) && $err->code == Sys::Virt::Error::ERR_OPERATION_FAILED &&
       $err->domain == Sys::Virt::Error::FROM_QEMU &&
       $err->message =~ /failed to kill qemu process with SIGTERM/,
       "destroy(GRACEFUL) of a frozen QEMU: ERR_OPERATION_FAILED",
       ref($err) ? $err->code . " " . $err->message : "$err");
    ok(proc_state($pid) eq "T" && $dom->is_active(),
       "the frozen QEMU is left alive and the domain active");
    $dom->destroy();
    my $st = proc_state($pid);
    ok(($st eq "" || $st eq "Z") && !$dom->is_active(), "then a DEFAULT destroy stops it");

    $conn->domain_event_deregister_any($cbid);
    $dom->undefine();
    eval { $conn->get_domain_by_name("plguest"); };
    ok(ref($@) && $@->code == Sys::Virt::Error::ERR_NO_DOMAIN, "undefine: the domain is gone");
};
if ($@) {
    ok(0, "the scenario ran to its end", ref($@) ? $@->message : $@);
}
print "1..$n\n";
exit($failed ? 1 : 0);
