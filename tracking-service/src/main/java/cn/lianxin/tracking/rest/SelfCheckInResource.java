package cn.lianxin.tracking.rest;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import cn.lianxin.tracking.service.SelfCheckInService;
import cn.lianxin.tracking.service.SelfCheckInService.Answer;

/**
 * 报平安 by signed link (docs/domain.md §7): the member opens {@code /self-check-in/{token}} from the reminder, with no
 * account. GET only shows a page with a button (mail scanners prefetch links: a GET never records anything); the
 * button POSTs to the same address and records the contact. Public paths, outside the API and its document: the
 * token in the path is the only credential, and it is good for nothing else (an access token is no link, and a link
 * is no access token: it is signed by another key for another issuer and audience).
 */
@Path("/self-check-in/{token}")
@PermitAll
public class SelfCheckInResource {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final SelfCheckInService service;

    public SelfCheckInResource(SelfCheckInService service) {
        this.service = service;
    }

    @GET
    @Produces(HTML)
    @Operation(hidden = true)
    public Response page(@PathParam("token") String token) {
        return page(service.look(token));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(HTML)
    @Operation(hidden = true)
    public Response confirm(@PathParam("token") String token) {
        return page(service.confirm(token));
    }

    private static Response page(Answer answer) {
        return switch (answer.page()) {
            case CONFIRM -> html(200, "报平安", "<p>请点击下面的按钮，告诉党组织您一切平安。</p>"
                    + "<form method=\"post\"><button type=\"submit\">报平安</button></form>");
            case DONE -> html(200, "已报平安", "<p>已报平安，谢谢您！党组织已收到您的消息。</p>");
            case ALREADY_USED -> html(409, "链接已使用", "<p>此链接已于 " + WHEN.format(answer.usedAt())
                    + " 使用过，无需再次报平安。</p>");
            case EXPIRED -> html(410, "链接已过期", "<p>此链接已过期。如需报平安，请联系您所在的党支部。</p>");
            case INVALID -> html(404, "链接无效", "<p>此链接无效。如需报平安，请联系您所在的党支部。</p>");
        };
    }

    /** A small page with no external resource, not cached, not indexed, and not leaking its address onwards. */
    private static Response html(int status, String title, String body) {
        String page = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + title + " — 联心</title>"
                + "<style>body{font-family:sans-serif;max-width:28em;margin:3em auto;padding:0 1em;line-height:1.6}"
                + "button{font-size:1.3em;padding:.5em 2em}</style></head><body><h1>" + title + "</h1>" + body
                + "</body></html>";
        return Response.status(status).type(HTML).entity(page)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .build();
    }
}
