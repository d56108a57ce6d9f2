package org.boothwatch.agent.config;

/** A config value that is not allowed: names the key, the value and what is allowed. */
public class ConfigException extends Exception {
    private final String key;
    private final String value;
    private final String allowed;

    public ConfigException(String key, String value, String allowed) {
        super("config key '" + key + "' has value " + (value == null ? "(missing)" : "'" + value + "'")
                + "; allowed: " + allowed);
        this.key = key;
        this.value = value;
        this.allowed = allowed;
    }

    public String getKey() { return key; }

    /** The offending value, or null when the key is missing. */
    public String getValue() { return value; }

    public String getAllowed() { return allowed; }
}
