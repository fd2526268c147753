package io.alloycompanion.core.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alloycompanion.core.install.InstallException.Kind;
import java.io.IOException;

/** Where releases come from: GitHub, or a mirror laid out as {@code <mirror>/<tag>/<asset>}. */
public interface ReleaseSource {

    String GITHUB_API_LATEST = "https://api.github.com/repos/grafana/alloy/releases/latest";
    String GITHUB_DOWNLOADS = "https://github.com/grafana/alloy/releases/download";

    String latestTag() throws InstallException;

    String url(String tag, String file);

    String describe();

    static ReleaseSource github(Downloader downloader) {
        return new ReleaseSource() {
            @Override
            public String latestTag() throws InstallException {
                String json = downloader.fetchText(GITHUB_API_LATEST, 1 << 20);
                try {
                    JsonNode tag = new ObjectMapper().readTree(json).get("tag_name");
                    if (tag == null || !tag.isTextual()) {
                        throw new InstallException(Kind.NETWORK, "GitHub's answer has no tag_name; pass --version vX.Y.Z");
                    }
                    return AlloyInstaller.checkTag(tag.asText());
                } catch (IOException e) {
                    throw new InstallException(Kind.NETWORK, "GitHub's answer is not JSON; pass --version vX.Y.Z", e);
                }
            }

            @Override
            public String url(String tag, String file) {
                return GITHUB_DOWNLOADS + "/" + tag + "/" + file;
            }

            @Override
            public String describe() {
                return "GitHub";
            }
        };
    }

    static ReleaseSource mirror(String base, Downloader downloader) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new ReleaseSource() {
            @Override
            public String latestTag() throws InstallException {
                String tag;
                try {
                    tag = downloader.fetchText(root + "/latest", 256).trim();
                } catch (InstallException e) {
                    if (e.kind() == Kind.NOT_FOUND) {
                        throw new InstallException(Kind.NOT_FOUND, "The mirror " + root + " has no \"latest\"; pass --version vX.Y.Z");
                    }
                    throw e;
                }
                if (!ReleaseAssets.isTag(tag)) {
                    throw new InstallException(Kind.NOT_FOUND, "The mirror's " + root + "/latest does not hold a "
                            + "version tag; pass --version vX.Y.Z");
                }
                return tag;
            }

            @Override
            public String url(String tag, String file) {
                return root + "/" + tag + "/" + file;
            }

            @Override
            public String describe() {
                return root;
            }
        };
    }
}
