/** The words of each contact channel, for the request form, the profile and the case page. */
export const channelKey = {
  phone: 'common.channel.phone',
  video: 'common.channel.video',
  message: 'common.channel.message',
} as const;
