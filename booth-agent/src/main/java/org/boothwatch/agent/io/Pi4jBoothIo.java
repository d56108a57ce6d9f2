package org.boothwatch.agent.io;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.config.PinConfigs.InputPin;
import org.boothwatch.agent.config.PinConfigs.OutputPin;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Booth IO through Pi4J 2: the gpiod provider on a real Pi 4/5, or Pi4J's mock provider when the config
 * says {@code gpio.provider=mock}. The provider is always the configured one, never a fallback.
 * Debounce is Pi4J's (per input); active levels are mapped here; the lamp flashes on our own timer.
 */
public final class Pi4jBoothIo implements BoothIo {
    private static final Logger log = LoggerFactory.getLogger(Pi4jBoothIo.class);

    private final Context pi4j;
    private final Map<Input, DigitalInput> ins = new EnumMap<>(Input.class);
    private final Map<Input, InputPin> inPins = new EnumMap<>(Input.class);
    private final DigitalOutput lampOut;
    private final DigitalOutput buzzerOut;
    private final OutputPin lampPin;
    private final OutputPin buzzerPin;
    private final long flashHalfPeriodMs;
    private final ScheduledExecutorService flasher;
    private volatile Listener listener;
    private ScheduledFuture<?> flashing;
    private boolean flashPhase;

    public Pi4jBoothIo(AgentConfig cfg) {
        boolean mock = cfg.gpioProvider() == AgentConfig.GpioProvider.MOCK;
        this.pi4j = mock
                ? Pi4J.newContextBuilder().noAutoDetect()
                        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build()
                : Pi4J.newContextBuilder().noAutoDetect()
                        .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance()).build();
        String inProvider = mock ? MockDigitalInputProvider.ID : GpioDDigitalInputProvider.ID;
        String outProvider = mock ? MockDigitalOutputProvider.ID : GpioDDigitalOutputProvider.ID;
        try {
            for (Input in : Input.values()) {
                InputPin p = cfg.inputs().get(in);
                DigitalInputConfig c = DigitalInput.newConfigBuilder(pi4j)
                        .id("in-" + in.key()).name(in.key()).address(p.pin())
                        .pull(switch (p.pull()) {
                            case UP -> PullResistance.PULL_UP;
                            case DOWN -> PullResistance.PULL_DOWN;
                            case OFF -> PullResistance.OFF;
                        })
                        .debounce(p.debounce().toNanos() / 1000, TimeUnit.MICROSECONDS)
                        .provider(inProvider).build();
                DigitalInput di = pi4j.create(c, IOType.DIGITAL_INPUT);
                if (di instanceof MockDigitalInput m) {
                    // The mock has no pull resistors: start every input at rest (inactive), as wired.
                    m.mockState(p.activeHigh() ? DigitalState.LOW : DigitalState.HIGH);
                }
                di.addListener(e -> {
                    Listener l = listener;
                    if (l != null) l.inputChanged(in, active(p, e.state()));
                });
                ins.put(in, di);
                inPins.put(in, p);
            }
            lampPin = cfg.outputs().get(Output.LAMP);
            buzzerPin = cfg.outputs().get(Output.BUZZER);
            lampOut = output(Output.LAMP, lampPin, outProvider);
            buzzerOut = output(Output.BUZZER, buzzerPin, outProvider);
        } catch (RuntimeException e) {
            shutdownQuietly();
            throw new BoothIoException("cannot set up GPIO with provider " + cfg.gpioProvider().name().toLowerCase()
                    + ": " + e.getMessage(), e);
        }
        this.flashHalfPeriodMs = Math.max(50, cfg.lampFlashPeriod().toMillis() / 2);
        this.flasher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lamp-flasher-" + cfg.booth());
            t.setDaemon(true);
            return t;
        });
    }

    private DigitalOutput output(Output out, OutputPin p, String provider) {
        DigitalState off = level(p, false);
        DigitalOutputConfig c = DigitalOutput.newConfigBuilder(pi4j)
                .id("out-" + out.key()).name(out.key()).address(p.pin())
                .initial(off).shutdown(off).provider(provider).build();
        return pi4j.create(c, IOType.DIGITAL_OUTPUT);
    }

    private static boolean active(InputPin p, DigitalState s) {
        return (s == DigitalState.HIGH) == p.activeHigh();
    }

    private static DigitalState level(OutputPin p, boolean on) {
        return on == p.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
    }

    /** The Pi4J input behind one of ours; tests drive it with {@code MockDigitalInput.mockState}. */
    public DigitalInput digitalInput(Input in) {
        return ins.get(in);
    }

    /** The Pi4J output behind one of ours, for tests. */
    public DigitalOutput digitalOutput(Output out) {
        return out == Output.LAMP ? lampOut : buzzerOut;
    }

    @Override
    public boolean read(Input input) {
        DigitalState s;
        try {
            s = ins.get(input).state();
        } catch (RuntimeException e) {
            throw new BoothIoException(input.key() + " (GPIO " + inPins.get(input).pin() + "): " + e.getMessage(), e);
        }
        if (s == null || s == DigitalState.UNKNOWN) {
            throw new BoothIoException(input.key() + " (GPIO " + inPins.get(input).pin() + ") reads as unknown");
        }
        return active(inPins.get(input), s);
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public synchronized void setLamp(Lamp lamp) {
        if (flashing != null) {
            flashing.cancel(false);
            flashing = null;
        }
        if (lamp == Lamp.FLASH) {
            flashPhase = true;
            write(lampOut, lampPin, true);
            flashing = flasher.scheduleAtFixedRate(this::toggleLamp, flashHalfPeriodMs, flashHalfPeriodMs, TimeUnit.MILLISECONDS);
        } else {
            write(lampOut, lampPin, lamp == Lamp.ON);
        }
    }

    private synchronized void toggleLamp() {
        if (flashing == null) return;
        flashPhase = !flashPhase;
        write(lampOut, lampPin, flashPhase);
    }

    @Override
    public void setBuzzer(Buzzer buzzer) {
        write(buzzerOut, buzzerPin, buzzer == Buzzer.ON);
    }

    private static void write(DigitalOutput out, OutputPin p, boolean on) {
        try {
            out.state(level(p, on));
        } catch (RuntimeException e) {
            // An output we cannot drive must not stop the sensing loop; it is logged each time.
            log.error("cannot set {} (GPIO {}) {}: {}", out.name(), p.pin(), on ? "on" : "off", e.toString());
        }
    }

    @Override
    public void close() {
        listener = null;
        synchronized (this) {
            if (flashing != null) flashing.cancel(false);
            flashing = null;
        }
        flasher.shutdownNow();
        write(lampOut, lampPin, false);
        write(buzzerOut, buzzerPin, false);
        shutdownQuietly();
    }

    private void shutdownQuietly() {
        try {
            pi4j.shutdown();
        } catch (RuntimeException e) {
            log.warn("Pi4J shutdown: {}", e.toString());
        }
    }
}
