package cn.lianxin.notification.card;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.lianxin.card.ContactCardRenderer;
import cn.lianxin.notification.channel.Attachment;

/** Draws the 联心卡 of a notification that carries one as a PNG, shown inline in the e-mail. */
@ApplicationScoped
public class CardAttachments {

    public static final String FILE_NAME = "lianxin-card.png";
    public static final String CONTENT_ID = "<lianxin-card@lianxin.cn>";

    /** @return the card PNG, or nothing when the notification has no card */
    public List<Attachment> of(Map<String, Object> model) {
        return CardModel.from(model)
                .map(card -> List.of(new Attachment(FILE_NAME, "image/png", ContactCardRenderer.png(card), CONTENT_ID)))
                .orElse(List.of());
    }
}
