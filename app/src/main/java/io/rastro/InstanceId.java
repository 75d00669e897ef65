package io.rastro;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of this Rastro instance among several over one store: {@code rastro.instance.id}, or host name and
 * HTTP port. It is stable across restarts of the same instance, so a restart knows which unfinished export jobs
 * were its own (and are dead), while the jobs of other instances are judged by their heartbeat only. Two instances
 * on one host with the same port setting (0, a random port) must set distinct ids.
 */
@Component
public final class InstanceId {

    private final String id;

    public InstanceId(@Value("${rastro.instance.id:}") String configured, @Value("${server.port:8080}") String port) {
        this.id = configured.isBlank() ? host() + ":" + port : configured;
    }

    public String id() {
        return id;
    }

    private static String host() {
        var env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
