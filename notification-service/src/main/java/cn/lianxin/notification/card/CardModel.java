package cn.lianxin.notification.card;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import cn.lianxin.card.ContactCard;
import cn.lianxin.card.ContactCard.Contact;
import cn.lianxin.notification.recipients.Person;

/**
 * The 联心卡 as it is kept in a notification's model (key {@value #KEY}): a plain map that survives the JSON column
 * of the persisted schedule, read back at delivery to draw the card.
 */
public final class CardModel {

    public static final String KEY = "contactCard";

    private CardModel() {
    }

    public static Map<String, Object> of(String memberName, String orgName, Person secretary, Person organizer,
            String wechatGroupUrl, String webAddress) {
        Map<String, Object> card = new HashMap<>();
        card.put("memberName", memberName);
        card.put("orgName", orgName);
        card.put("secretary", contact(secretary));
        card.put("organizer", contact(organizer));
        card.put("wechatGroupUrl", wechatGroupUrl);
        card.put("webAddress", webAddress);
        return card;
    }

    /** The card in a notification model, if the notification carries one. */
    public static Optional<ContactCard> from(Map<String, Object> model) {
        if (model == null || !(model.get(KEY) instanceof Map<?, ?> card)) {
            return Optional.empty();
        }
        return Optional.of(new ContactCard(text(card, "memberName"), text(card, "orgName"), contact(card.get("secretary")),
                contact(card.get("organizer")), text(card, "wechatGroupUrl"), text(card, "webAddress")));
    }

    private static Map<String, Object> contact(Person person) {
        if (person == null || person.name() == null) {
            return null;
        }
        Map<String, Object> contact = new HashMap<>();
        contact.put("name", person.name());
        contact.put("phone", person.phone());
        contact.put("wechat", person.wechat());
        contact.put("email", person.email());
        return contact;
    }

    private static Contact contact(Object value) {
        return value instanceof Map<?, ?> map && text(map, "name") != null
                ? new Contact(text(map, "name"), text(map, "phone"), text(map, "wechat"), text(map, "email"))
                : null;
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
