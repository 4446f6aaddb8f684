package cn.lianxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import cn.lianxin.card.ContactCard.Contact;

class ContactCardRendererTest {

    private static final ContactCard CARD = new ContactCard("何流动", "第一党支部",
            new Contact("张书记", "13800138000", "zhang_sj", "zhang@example.cn"), new Contact("李委员", "13900139000", "li_wy", null),
            "https://weixin.qq.com/g/lianxin-demo", "https://dj.example.cn");

    /** Every character the renderer draws itself (the fixed labels), plus typical names. */
    private static final String DRAWN_TEXT = "联心卡流动党员联系卡·组织时刻牵挂您党员：所在支部：支部书记组织委员电话微信邮箱网址："
            + "扫码加入支部微信群（支部未设置微信群）…何张李王第一二党支部委员书记";

    @Test
    void theShippedFontHasEveryCharacterTheCardDraws() {
        assertThat(ContactCardRenderer.font().getFamily()).containsIgnoringCase("WenQuanYi");
        assertThat(ContactCardRenderer.font().canDisplayUpTo(DRAWN_TEXT)).isEqualTo(-1);
    }

    /** Nothing here sets java.awt.headless: the renderer does, before java.awt starts. */
    @Test
    void rendersHeadless() {
        ContactCardRenderer.png(CARD);
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    /**
     * Links for which ZXing's own choice of mask gives a symbol its detector cannot find (each failed before the
     * renderer tried the other masks; about 3 % of random links do): the card's code reads back all the same.
     */
    @Test
    void everyLinkReadsBackEvenWhereTheDefaultMaskDoesNotDecode() {
        for (String id : new String[] { "ce7939ac-3a0c-47ab-810b-03b242b0e2fa", "350c762f-b1c3-4cc3-847b-bfae9ea79e9c",
                "26669b4e-d009-4547-8c4c-50b35a56d584", "04009064-ae8e-449f-843a-5551e001a6ac",
                "ff75c54a-693f-497e-9da1-4236d3ddc5a5", "0570ac74-9277-44c4-8af4-3cfb28fe0f04",
                "f06afac5-8191-4ff9-9860-1192decdebe1", "9ca67373-e45e-40c1-805b-feed0880c626",
                "272c48ae-fc84-4985-bf36-8f81a348adaa", "2253a36b-cb9f-416e-bf81-2481720c0f8a" }) {
            String url = "https://weixin.qq.com/g/lianxin-" + id;
            byte[] png = ContactCardRenderer.png(new ContactCard(CARD.memberName(), CARD.orgName(), CARD.secretary(),
                    CARD.organizer(), url, CARD.webAddress()));
            assertThat(QrCodes.read(png)).as(url).contains(url);
        }
    }

    @Test
    void rendersAPngWhoseQrCodeOpensTheBranchWechatGroup() throws Exception {
        byte[] png = ContactCardRenderer.png(CARD);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(image.getWidth()).isEqualTo(ContactCardRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ContactCardRenderer.HEIGHT);
        assertThat(QrCodes.read(png)).contains("https://weixin.qq.com/g/lianxin-demo");
    }

    /** The code of a link is drawn once and kept (a branch's members share it): every card of the link reads back. */
    @Test
    void everyCardOfOneLinkCarriesItsCode() {
        for (String member : new String[] { "何流动", "王同志", "李同志" }) {
            byte[] png = ContactCardRenderer.png(new ContactCard(member, CARD.orgName(), CARD.secretary(), CARD.organizer(),
                    CARD.wechatGroupUrl(), CARD.webAddress()));
            assertThat(QrCodes.read(png)).as(member).contains(CARD.wechatGroupUrl());
        }
    }

    @Test
    void rendersACardWithoutWechatGroupOrganizerOrMemberName() throws Exception {
        byte[] png = ContactCardRenderer.png(
                new ContactCard(null, "第二党支部", new Contact("王书记", "0473-1234567", null, null), null, null, null));

        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(ContactCardRenderer.WIDTH);
        assertThat(QrCodes.read(png)).isEmpty();
    }

    @Test
    void aCardWithNothingButTheBranchStillRenders() throws Exception {
        byte[] png = ContactCardRenderer.png(new ContactCard(null, "第三党支部", null, new Contact(null, null, null, null), null, null));

        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getHeight()).isEqualTo(ContactCardRenderer.HEIGHT);
    }
}
