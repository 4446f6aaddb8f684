package cn.lianxin.notification.channel;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import cn.lianxin.notification.channel.GatewayRequests.SmsRequest;

/** The SMS gateway's HTTP API; base URL quarkus.rest-client.sms-gateway.url. */
@RegisterRestClient(configKey = "sms-gateway")
@Path("/v1/sms/messages")
interface SmsGateway {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response send(@HeaderParam("Authorization") String authorization, SmsRequest request);
}
