package com.bookingchat.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.Context;

/** Which clock a run obeys: Lambda's deadline where the invocation has one, none under the mock event server. */
class LambdaDeadlineTest {

    @Test
    void aLambdaInvocationRunsAgainstItsDeadline() {
        Context lambda = context(Map.of("getInvokedFunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:digest",
                "getRemainingTimeInMillis", 61_000));

        assertEquals(Optional.of(Duration.ofMillis(61_000)), LambdaDeadline.remaining(lambda));
    }

    @Test
    void anInvocationWithoutAFunctionArnHasNoDeadline() {
        // The mock event server's context reports the wrapped difference between 0 and now.
        Context mock = context(Map.of("getRemainingTimeInMillis", (int) -System.currentTimeMillis()));

        assertEquals(Optional.empty(), LambdaDeadline.remaining(mock));
    }

    private static Context context(Map<String, Object> answers) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] { Context.class },
                (proxy, method, args) -> answers.get(method.getName()));
    }
}
