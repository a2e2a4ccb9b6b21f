package dev.jmpi.junit;

import dev.jmpi.Communicator;
import dev.jmpi.testing.Ranks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs a {@link JmpiTest} method once per rank through {@link Ranks}. The normal single
 * invocation is replaced: JUnit resolves the {@link Communicator} parameter to a
 * placeholder, and this interceptor calls the method itself on every rank's thread with
 * that rank's communicator.
 */
public final class JmpiExtension implements InvocationInterceptor, ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Communicator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return null;
    }

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        Method method = call.getExecutable();
        JmpiTest spec = method.getAnnotation(JmpiTest.class);
        if (spec == null) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        Object target = call.getTarget().orElse(null);
        method.setAccessible(true);
        Ranks.builder()
                .wiring(spec.loopback() ? Ranks.Wiring.LOOPBACK : Ranks.Wiring.IN_JVM)
                .timeout(Duration.ofSeconds(spec.timeoutSeconds()))
                .run(
                        spec.ranks(),
                        comm -> invoke(method, target, call.getArguments().toArray(), comm));
    }

    private static void invoke(Method method, Object target, Object[] resolved, Communicator comm) throws Exception {
        Object[] args = resolved.clone();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            if (types[i] == Communicator.class) {
                args[i] = comm;
            }
        }
        try {
            method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
