package com.bookingchat.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.util.Timeout;

import com.twilio.http.TwilioRestClient;

import com.bookingchat.deployment.RequiredSetting;

/** Builds the one Twilio client of the application from configuration, never through static {@code Twilio.init}. */
@ApplicationScoped
class TwilioClientProducer {

    @Produces
    @Singleton
    TwilioRestClient twilioRestClient(TwilioConfig config) {
        Timeout connect = Timeout.of(config.connectTimeout());
        Timeout read = Timeout.of(config.readTimeout());
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(read)
                .build();
        HttpClientBuilder builder = HttpClientBuilder.create()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .build())
                        .setMaxConnPerRoute(20)
                        .setMaxConnTotal(20)
                        .build())
                // The SDK stamps its own 30 s request config on every request; this puts ours back before connecting.
                .addRequestInterceptorLast((request, entity, context) ->
                        HttpClientContext.castOrCreate(context).setRequestConfig(requestConfig))
                // Retries belong to the adapter, which knows the request and the time left.
                .disableAutomaticRetries();
        config.apiBaseUrl().ifPresent(baseUrl -> builder.setRoutePlanner(new BaseUrlRoutePlanner(baseUrl)));
        return new TwilioRestClient.Builder(RequiredSetting.of(config.accountSid(), "twilio.account-sid"),
                RequiredSetting.of(config.authToken(), "twilio.auth-token"))
                .httpClient(new SingleAttemptHttpClient(builder))
                .build();
    }
}
