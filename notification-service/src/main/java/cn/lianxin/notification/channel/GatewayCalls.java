package cn.lianxin.notification.channel;

import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import cn.lianxin.notification.domain.ErrorCode;

/** Maps an HTTP gateway's answer to delivered / retry later / give up on this channel. */
final class GatewayCalls {

    private GatewayCalls() {
    }

    static void call(String gateway, Supplier<Response> call) throws DeliveryException {
        int status;
        try (Response response = call.get()) {
            status = response.getStatus();
        } catch (WebApplicationException e) {
            status = e.getResponse().getStatus();
        } catch (ProcessingException e) {
            throw new DeliveryException(ErrorCode.TIMEOUT, true, gateway + " unreachable: " + e.getMessage(), e);
        }
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 429 || status >= 500) {
            throw new DeliveryException(ErrorCode.GATEWAY_ERROR, true, gateway + " answered HTTP " + status);
        }
        if (status == 400 || status == 404 || status == 422) {
            throw new DeliveryException(ErrorCode.INVALID_ADDRESS, false, gateway + " refused the message: HTTP " + status);
        }
        throw new DeliveryException(ErrorCode.REJECTED, false, gateway + " rejected the message: HTTP " + status);
    }
}
