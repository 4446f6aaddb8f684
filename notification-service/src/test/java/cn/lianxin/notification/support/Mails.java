package cn.lianxin.notification.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Reads what arrived at the SMTP peer: the plain text of a mail and its parts of one media type. */
public final class Mails {

    private Mails() {
    }

    /** The text/plain body, wherever it sits in the MIME tree. */
    public static String text(Part mail) throws MessagingException, IOException {
        return parts(mail, "text/plain").stream().findFirst()
                .orElseThrow(() -> new AssertionError("the mail has no text/plain part")).getContent().toString();
    }

    public static List<Part> parts(Part mail, String mimeType) throws MessagingException, IOException {
        List<Part> found = new ArrayList<>();
        collect(mail, mimeType, found);
        return found;
    }

    public static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static void collect(Part part, String mimeType, List<Part> found) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), mimeType, found);
            }
        } else if (part.isMimeType(mimeType)) {
            found.add(part);
        }
    }
}
