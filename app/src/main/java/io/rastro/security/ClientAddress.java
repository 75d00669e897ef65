package io.rastro.security;

import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client address a request counts against ({@link LoginThrottle}). A request from one of the configured
 * trusted proxies has it from X-Forwarded-For: the right-most address there that is not itself a trusted proxy
 * (the ones to its left are whatever the client chose to send). From any other peer the header is ignored: a
 * client could otherwise pick its own address with each attempt. Without this, behind a load balancer every
 * sign-in came from the balancer's address, and one attacker's failures locked everybody out.
 */
public final class ClientAddress {

    /** One trusted address or range: the first {@code bits} bits of {@code address}. */
    private record Range(byte[] address, int bits) {

        boolean contains(byte[] other) {
            if (other.length != address.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                var mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (other[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> trusted;

    /** @param trustedProxies addresses and ranges (CIDR) of the proxies in front of the service */
    public ClientAddress(List<String> trustedProxies) {
        var ranges = new ArrayList<Range>();
        for (var entry : trustedProxies) {
            var value = entry.strip();
            var slash = value.indexOf('/');
            var address = literal(slash < 0 ? value : value.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("rastro.security.trusted-proxies: '" + entry
                        + "' is not an IP address or range");
            }
            var bits = slash < 0 ? address.length * 8 : Integer.parseInt(value.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("rastro.security.trusted-proxies: bad prefix length in '" + entry + "'");
            }
            ranges.add(new Range(address, bits));
        }
        this.trusted = List.copyOf(ranges);
    }

    public String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"));
    }

    String of(String peer, java.util.Enumeration<String> forwardedHeaders) {
        if (trusted.isEmpty() || !isTrusted(peer) || forwardedHeaders == null) {
            return peer;
        }
        var hops = new ArrayList<String>();
        while (forwardedHeaders.hasMoreElements()) {
            for (var hop : forwardedHeaders.nextElement().split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            var hop = hops.get(i);
            if (literal(hop) == null) {
                return peer; // a malformed hop: nothing to its left can be trusted either
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    private boolean isTrusted(String address) {
        var bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else (never a name lookup). */
    private static byte[] literal(String value) {
        var v = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (v.isEmpty() || !(v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':'))) {
            return null;
        }
        if (v.indexOf(':') < 0 && !(v.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(v.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255))) {
            return null; // so that getByName below is only ever given a literal
        }
        try {
            return InetAddress.getByName(v).getAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
