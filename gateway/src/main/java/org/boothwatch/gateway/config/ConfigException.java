package org.boothwatch.gateway.config;

/** A bad configuration value: the message names the key, the value and what is allowed. */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String value, String allowed) {
        super(key + "='" + value + "' is not allowed: " + allowed);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
