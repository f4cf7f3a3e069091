// The test page's script: the real player and composer, bundled for the browser.
import { composeAnnouncement } from '@qms/voice';
import { AnnouncementPlayer } from '@qms/voice/playback';

Object.assign(window, { AnnouncementPlayer, composeAnnouncement });
