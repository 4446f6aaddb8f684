package cn.lianxin.notification.channel;

/**
 * A file that travels with a message on channels that can carry one (e-mail). With a content id the mail shows
 * it inline ({@code <img src="cid:…">}); SMS and WeChat ignore attachments.
 */
public record Attachment(String fileName, String contentType, byte[] data, String contentId) {
}
