// Generated from proto/psi.proto by `npm run generate` (protobufjs-cli). Do not edit.
/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["sightline-psi"] || ($protobuf.roots["sightline-psi"] = {});

export const sightline = $root.sightline = (() => {

    /**
     * Namespace sightline.
     * @exports sightline
     * @namespace
     */
    const sightline = {};

    sightline.psi = (function() {

        /**
         * Namespace psi.
         * @memberof sightline
         * @namespace
         */
        const psi = {};

        psi.v2 = (function() {

            /**
             * Namespace v2.
             * @memberof sightline.psi
             * @namespace
             */
            const v2 = {};

            /**
             * Mode enum.
             * @name sightline.psi.v2.Mode
             * @enum {number}
             * @property {number} MODE_ITEMS=0 MODE_ITEMS value
             * @property {number} MODE_COUNT=1 MODE_COUNT value
             * @property {number} MODE_SIGHTED_ITEMS=2 MODE_SIGHTED_ITEMS value
             * @property {number} MODE_SIGHTED_COUNT=3 MODE_SIGHTED_COUNT value
             * @property {number} MODE_SIGHTED_ITEMS_W1=4 MODE_SIGHTED_ITEMS_W1 value
             * @property {number} MODE_SIGHTED_COUNT_W1=5 MODE_SIGHTED_COUNT_W1 value
             * @property {number} MODE_SIGHTED_ITEMS_W2=6 MODE_SIGHTED_ITEMS_W2 value
             * @property {number} MODE_SIGHTED_COUNT_W2=7 MODE_SIGHTED_COUNT_W2 value
             * @property {number} MODE_SIGHTED_ITEMS_W3=8 MODE_SIGHTED_ITEMS_W3 value
             * @property {number} MODE_SIGHTED_COUNT_W3=9 MODE_SIGHTED_COUNT_W3 value
             */
            v2.Mode = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "MODE_ITEMS"] = 0;
                values[valuesById[1] = "MODE_COUNT"] = 1;
                values[valuesById[2] = "MODE_SIGHTED_ITEMS"] = 2;
                values[valuesById[3] = "MODE_SIGHTED_COUNT"] = 3;
                values[valuesById[4] = "MODE_SIGHTED_ITEMS_W1"] = 4;
                values[valuesById[5] = "MODE_SIGHTED_COUNT_W1"] = 5;
                values[valuesById[6] = "MODE_SIGHTED_ITEMS_W2"] = 6;
                values[valuesById[7] = "MODE_SIGHTED_COUNT_W2"] = 7;
                values[valuesById[8] = "MODE_SIGHTED_ITEMS_W3"] = 8;
                values[valuesById[9] = "MODE_SIGHTED_COUNT_W3"] = 9;
                return values;
            })();

            /**
             * Status enum.
             * @name sightline.psi.v2.Status
             * @enum {number}
             * @property {number} STATUS_OK=0 STATUS_OK value
             * @property {number} STATUS_BUDGET_EXCEEDED=1 STATUS_BUDGET_EXCEEDED value
             * @property {number} STATUS_UNKNOWN_LIST=2 STATUS_UNKNOWN_LIST value
             * @property {number} STATUS_UNKNOWN_EPOCH=3 STATUS_UNKNOWN_EPOCH value
             * @property {number} STATUS_BAD_REQUEST=4 STATUS_BAD_REQUEST value
             * @property {number} STATUS_TOO_LARGE=5 STATUS_TOO_LARGE value
             * @property {number} STATUS_PENDING=6 STATUS_PENDING value
             * @property {number} STATUS_WRONG_SUITE=7 STATUS_WRONG_SUITE value
             */
            v2.Status = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "STATUS_OK"] = 0;
                values[valuesById[1] = "STATUS_BUDGET_EXCEEDED"] = 1;
                values[valuesById[2] = "STATUS_UNKNOWN_LIST"] = 2;
                values[valuesById[3] = "STATUS_UNKNOWN_EPOCH"] = 3;
                values[valuesById[4] = "STATUS_BAD_REQUEST"] = 4;
                values[valuesById[5] = "STATUS_TOO_LARGE"] = 5;
                values[valuesById[6] = "STATUS_PENDING"] = 6;
                values[valuesById[7] = "STATUS_WRONG_SUITE"] = 7;
                return values;
            })();

            v2.ListAnnouncement = (function() {

                /**
                 * Properties of a ListAnnouncement.
                 * @typedef {Object} sightline.psi.v2.ListAnnouncement.$Properties
                 * @property {number|null} [version] ListAnnouncement version
                 * @property {string|null} [suite] ListAnnouncement suite
                 * @property {number|Long|null} [epoch] ListAnnouncement epoch
                 * @property {sightline.psi.v2.Mode|null} [mode] ListAnnouncement mode
                 * @property {number|null} [generation] ListAnnouncement generation
                 * @property {number|null} [index] ListAnnouncement index
                 * @property {Uint8Array|null} [listHash] ListAnnouncement listHash
                 * @property {number|Long|null} [points] ListAnnouncement points
                 * @property {number|Long|null} [windowSeconds] ListAnnouncement windowSeconds
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ListAnnouncement.
                 * @memberof sightline.psi.v2
                 * @interface IListAnnouncement
                 * @augments sightline.psi.v2.ListAnnouncement.$Properties
                 * @deprecated Use sightline.psi.v2.ListAnnouncement.$Properties instead.
                 */

                /**
                 * Shape of a ListAnnouncement.
                 * @typedef {sightline.psi.v2.ListAnnouncement.$Properties} sightline.psi.v2.ListAnnouncement.$Shape
                 */

                /**
                 * Constructs a new ListAnnouncement.
                 * @memberof sightline.psi.v2
                 * @classdesc Represents a ListAnnouncement.
                 * @constructor
                 * @param {sightline.psi.v2.ListAnnouncement.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ListAnnouncement = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ListAnnouncement version.
                 * @member {number} version
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.version = 0;

                /**
                 * ListAnnouncement suite.
                 * @member {string} suite
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.suite = "";

                /**
                 * ListAnnouncement epoch.
                 * @member {number|Long} epoch
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * ListAnnouncement mode.
                 * @member {sightline.psi.v2.Mode} mode
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.mode = 0;

                /**
                 * ListAnnouncement generation.
                 * @member {number} generation
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.generation = 0;

                /**
                 * ListAnnouncement index.
                 * @member {number} index
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.index = 0;

                /**
                 * ListAnnouncement listHash.
                 * @member {Uint8Array} listHash
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.listHash = $util.newBuffer([]);

                /**
                 * ListAnnouncement points.
                 * @member {number|Long} points
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.points = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * ListAnnouncement windowSeconds.
                 * @member {number|Long} windowSeconds
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @instance
                 */
                ListAnnouncement.prototype.windowSeconds = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new ListAnnouncement instance using the specified properties.
                 * @function create
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @static
                 * @param {sightline.psi.v2.ListAnnouncement.$Properties=} [properties] Properties to set
                 * @returns {sightline.psi.v2.ListAnnouncement} ListAnnouncement instance
                 * @type {{
                 *   (properties: sightline.psi.v2.ListAnnouncement.$Shape): sightline.psi.v2.ListAnnouncement & sightline.psi.v2.ListAnnouncement.$Shape;
                 *   (properties?: sightline.psi.v2.ListAnnouncement.$Properties): sightline.psi.v2.ListAnnouncement;
                 * }}
                 */
                ListAnnouncement.create = function(properties) {
                    return new ListAnnouncement(properties);
                };

                /**
                 * Encodes the specified ListAnnouncement message. Does not implicitly {@link sightline.psi.v2.ListAnnouncement.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @static
                 * @param {sightline.psi.v2.ListAnnouncement.$Properties} message ListAnnouncement message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ListAnnouncement.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.suite != null && $Object.hasOwnProperty.call(message, "suite") && message.suite !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.suite);
                    if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && (typeof message.epoch === "object" ? message.epoch.low || message.epoch.high : message.epoch !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.epoch);
                    if (message.mode != null && $Object.hasOwnProperty.call(message, "mode") && message.mode !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).int32(message.mode);
                    if (message.generation != null && $Object.hasOwnProperty.call(message, "generation") && message.generation !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.generation);
                    if (message.index != null && $Object.hasOwnProperty.call(message, "index") && message.index !== 0)
                        writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.index);
                    if (message.listHash != null && $Object.hasOwnProperty.call(message, "listHash") && message.listHash.length)
                        writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.listHash);
                    if (message.points != null && $Object.hasOwnProperty.call(message, "points") && (typeof message.points === "object" ? message.points.low || message.points.high : message.points !== 0))
                        writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.points);
                    if (message.windowSeconds != null && $Object.hasOwnProperty.call(message, "windowSeconds") && (typeof message.windowSeconds === "object" ? message.windowSeconds.low || message.windowSeconds.high : message.windowSeconds !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.windowSeconds);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a ListAnnouncement message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.psi.v2.ListAnnouncement
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.ListAnnouncement & sightline.psi.v2.ListAnnouncement.$Shape} ListAnnouncement
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ListAnnouncement.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.psi.v2.ListAnnouncement();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.suite = value;
                                else
                                    delete message.suite;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.epoch = value;
                                else
                                    delete message.epoch;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.mode = value;
                                else
                                    delete message.mode;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.generation = value;
                                else
                                    delete message.generation;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.index = value;
                                else
                                    delete message.index;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.listHash = value;
                                else
                                    delete message.listHash;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.points = value;
                                else
                                    delete message.points;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.windowSeconds = value;
                                else
                                    delete message.windowSeconds;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return ListAnnouncement;
            })();

            v2.ListRequest = (function() {

                /**
                 * Properties of a ListRequest.
                 * @typedef {Object} sightline.psi.v2.ListRequest.$Properties
                 * @property {number|null} [version] ListRequest version
                 * @property {Uint8Array|null} [listHash] ListRequest listHash
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ListRequest.
                 * @memberof sightline.psi.v2
                 * @interface IListRequest
                 * @augments sightline.psi.v2.ListRequest.$Properties
                 * @deprecated Use sightline.psi.v2.ListRequest.$Properties instead.
                 */

                /**
                 * Shape of a ListRequest.
                 * @typedef {sightline.psi.v2.ListRequest.$Properties} sightline.psi.v2.ListRequest.$Shape
                 */

                /**
                 * Constructs a new ListRequest.
                 * @memberof sightline.psi.v2
                 * @classdesc Represents a ListRequest.
                 * @constructor
                 * @param {sightline.psi.v2.ListRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ListRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ListRequest version.
                 * @member {number} version
                 * @memberof sightline.psi.v2.ListRequest
                 * @instance
                 */
                ListRequest.prototype.version = 0;

                /**
                 * ListRequest listHash.
                 * @member {Uint8Array} listHash
                 * @memberof sightline.psi.v2.ListRequest
                 * @instance
                 */
                ListRequest.prototype.listHash = $util.newBuffer([]);

                /**
                 * Creates a new ListRequest instance using the specified properties.
                 * @function create
                 * @memberof sightline.psi.v2.ListRequest
                 * @static
                 * @param {sightline.psi.v2.ListRequest.$Properties=} [properties] Properties to set
                 * @returns {sightline.psi.v2.ListRequest} ListRequest instance
                 * @type {{
                 *   (properties: sightline.psi.v2.ListRequest.$Shape): sightline.psi.v2.ListRequest & sightline.psi.v2.ListRequest.$Shape;
                 *   (properties?: sightline.psi.v2.ListRequest.$Properties): sightline.psi.v2.ListRequest;
                 * }}
                 */
                ListRequest.create = function(properties) {
                    return new ListRequest(properties);
                };

                /**
                 * Encodes the specified ListRequest message. Does not implicitly {@link sightline.psi.v2.ListRequest.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.psi.v2.ListRequest
                 * @static
                 * @param {sightline.psi.v2.ListRequest.$Properties} message ListRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ListRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.listHash != null && $Object.hasOwnProperty.call(message, "listHash") && message.listHash.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.listHash);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a ListRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.psi.v2.ListRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.ListRequest & sightline.psi.v2.ListRequest.$Shape} ListRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ListRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.psi.v2.ListRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.listHash = value;
                                else
                                    delete message.listHash;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return ListRequest;
            })();

            v2.ListResponse = (function() {

                /**
                 * Properties of a ListResponse.
                 * @typedef {Object} sightline.psi.v2.ListResponse.$Properties
                 * @property {number|null} [version] ListResponse version
                 * @property {sightline.psi.v2.Status|null} [status] ListResponse status
                 * @property {Uint8Array|null} [points] ListResponse points
                 * @property {string|null} [message] ListResponse message
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a ListResponse.
                 * @memberof sightline.psi.v2
                 * @interface IListResponse
                 * @augments sightline.psi.v2.ListResponse.$Properties
                 * @deprecated Use sightline.psi.v2.ListResponse.$Properties instead.
                 */

                /**
                 * Shape of a ListResponse.
                 * @typedef {sightline.psi.v2.ListResponse.$Properties} sightline.psi.v2.ListResponse.$Shape
                 */

                /**
                 * Constructs a new ListResponse.
                 * @memberof sightline.psi.v2
                 * @classdesc Represents a ListResponse.
                 * @constructor
                 * @param {sightline.psi.v2.ListResponse.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const ListResponse = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * ListResponse version.
                 * @member {number} version
                 * @memberof sightline.psi.v2.ListResponse
                 * @instance
                 */
                ListResponse.prototype.version = 0;

                /**
                 * ListResponse status.
                 * @member {sightline.psi.v2.Status} status
                 * @memberof sightline.psi.v2.ListResponse
                 * @instance
                 */
                ListResponse.prototype.status = 0;

                /**
                 * ListResponse points.
                 * @member {Uint8Array} points
                 * @memberof sightline.psi.v2.ListResponse
                 * @instance
                 */
                ListResponse.prototype.points = $util.newBuffer([]);

                /**
                 * ListResponse message.
                 * @member {string} message
                 * @memberof sightline.psi.v2.ListResponse
                 * @instance
                 */
                ListResponse.prototype.message = "";

                /**
                 * Creates a new ListResponse instance using the specified properties.
                 * @function create
                 * @memberof sightline.psi.v2.ListResponse
                 * @static
                 * @param {sightline.psi.v2.ListResponse.$Properties=} [properties] Properties to set
                 * @returns {sightline.psi.v2.ListResponse} ListResponse instance
                 * @type {{
                 *   (properties: sightline.psi.v2.ListResponse.$Shape): sightline.psi.v2.ListResponse & sightline.psi.v2.ListResponse.$Shape;
                 *   (properties?: sightline.psi.v2.ListResponse.$Properties): sightline.psi.v2.ListResponse;
                 * }}
                 */
                ListResponse.create = function(properties) {
                    return new ListResponse(properties);
                };

                /**
                 * Encodes the specified ListResponse message. Does not implicitly {@link sightline.psi.v2.ListResponse.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.psi.v2.ListResponse
                 * @static
                 * @param {sightline.psi.v2.ListResponse.$Properties} message ListResponse message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                ListResponse.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.status);
                    if (message.points != null && $Object.hasOwnProperty.call(message, "points") && message.points.length)
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.points);
                    if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.message);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a ListResponse message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.psi.v2.ListResponse
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.ListResponse & sightline.psi.v2.ListResponse.$Shape} ListResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                ListResponse.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.psi.v2.ListResponse();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.points = value;
                                else
                                    delete message.points;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.message = value;
                                else
                                    delete message.message;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return ListResponse;
            })();

            v2.RaiseRequest = (function() {

                /**
                 * Properties of a RaiseRequest.
                 * @typedef {Object} sightline.psi.v2.RaiseRequest.$Properties
                 * @property {number|null} [version] RaiseRequest version
                 * @property {string|null} [suite] RaiseRequest suite
                 * @property {number|Long|null} [epoch] RaiseRequest epoch
                 * @property {sightline.psi.v2.Mode|null} [mode] RaiseRequest mode
                 * @property {Uint8Array|null} [listHash] RaiseRequest listHash
                 * @property {Uint8Array|null} [announcement] RaiseRequest announcement
                 * @property {Uint8Array|null} [points] RaiseRequest points
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RaiseRequest.
                 * @memberof sightline.psi.v2
                 * @interface IRaiseRequest
                 * @augments sightline.psi.v2.RaiseRequest.$Properties
                 * @deprecated Use sightline.psi.v2.RaiseRequest.$Properties instead.
                 */

                /**
                 * Shape of a RaiseRequest.
                 * @typedef {sightline.psi.v2.RaiseRequest.$Properties} sightline.psi.v2.RaiseRequest.$Shape
                 */

                /**
                 * Constructs a new RaiseRequest.
                 * @memberof sightline.psi.v2
                 * @classdesc Represents a RaiseRequest.
                 * @constructor
                 * @param {sightline.psi.v2.RaiseRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RaiseRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * RaiseRequest version.
                 * @member {number} version
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @instance
                 */
                RaiseRequest.prototype.version = 0;

                /**
                 * RaiseRequest suite.
                 * @member {string} suite
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @instance
                 */
                RaiseRequest.prototype.suite = "";

                /**
                 * RaiseRequest epoch.
                 * @member {number|Long} epoch
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @instance
                 */
                RaiseRequest.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * RaiseRequest mode.
                 * @member {sightline.psi.v2.Mode} mode
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @instance
                 */
                RaiseRequest.prototype.mode = 0;

                /**
                 * RaiseRequest listHash.
                 * @member {Uint8Array} listHash
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @instance
                 */
                RaiseRequest.prototype.listHash = $util.newBuffer([]);

                /**
                 * RaiseRequest announcement.
                 * @member {Uint8Array} announcement
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @instance
                 */
                RaiseRequest.prototype.announcement = $util.newBuffer([]);

                /**
                 * RaiseRequest points.
                 * @member {Uint8Array} points
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @instance
                 */
                RaiseRequest.prototype.points = $util.newBuffer([]);

                /**
                 * Creates a new RaiseRequest instance using the specified properties.
                 * @function create
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @static
                 * @param {sightline.psi.v2.RaiseRequest.$Properties=} [properties] Properties to set
                 * @returns {sightline.psi.v2.RaiseRequest} RaiseRequest instance
                 * @type {{
                 *   (properties: sightline.psi.v2.RaiseRequest.$Shape): sightline.psi.v2.RaiseRequest & sightline.psi.v2.RaiseRequest.$Shape;
                 *   (properties?: sightline.psi.v2.RaiseRequest.$Properties): sightline.psi.v2.RaiseRequest;
                 * }}
                 */
                RaiseRequest.create = function(properties) {
                    return new RaiseRequest(properties);
                };

                /**
                 * Encodes the specified RaiseRequest message. Does not implicitly {@link sightline.psi.v2.RaiseRequest.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @static
                 * @param {sightline.psi.v2.RaiseRequest.$Properties} message RaiseRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RaiseRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.suite != null && $Object.hasOwnProperty.call(message, "suite") && message.suite !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.suite);
                    if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && (typeof message.epoch === "object" ? message.epoch.low || message.epoch.high : message.epoch !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.epoch);
                    if (message.mode != null && $Object.hasOwnProperty.call(message, "mode") && message.mode !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).int32(message.mode);
                    if (message.listHash != null && $Object.hasOwnProperty.call(message, "listHash") && message.listHash.length)
                        writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.listHash);
                    if (message.announcement != null && $Object.hasOwnProperty.call(message, "announcement") && message.announcement.length)
                        writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.announcement);
                    if (message.points != null && $Object.hasOwnProperty.call(message, "points") && message.points.length)
                        writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.points);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RaiseRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.psi.v2.RaiseRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.RaiseRequest & sightline.psi.v2.RaiseRequest.$Shape} RaiseRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RaiseRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.psi.v2.RaiseRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.suite = value;
                                else
                                    delete message.suite;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.epoch = value;
                                else
                                    delete message.epoch;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.mode = value;
                                else
                                    delete message.mode;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.listHash = value;
                                else
                                    delete message.listHash;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.announcement = value;
                                else
                                    delete message.announcement;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.points = value;
                                else
                                    delete message.points;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return RaiseRequest;
            })();

            v2.RaiseResponse = (function() {

                /**
                 * Properties of a RaiseResponse.
                 * @typedef {Object} sightline.psi.v2.RaiseResponse.$Properties
                 * @property {number|null} [version] RaiseResponse version
                 * @property {sightline.psi.v2.Status|null} [status] RaiseResponse status
                 * @property {Uint8Array|null} [tags] RaiseResponse tags
                 * @property {string|null} [message] RaiseResponse message
                 * @property {number|Long|null} [budgetRemaining] RaiseResponse budgetRemaining
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RaiseResponse.
                 * @memberof sightline.psi.v2
                 * @interface IRaiseResponse
                 * @augments sightline.psi.v2.RaiseResponse.$Properties
                 * @deprecated Use sightline.psi.v2.RaiseResponse.$Properties instead.
                 */

                /**
                 * Shape of a RaiseResponse.
                 * @typedef {sightline.psi.v2.RaiseResponse.$Properties} sightline.psi.v2.RaiseResponse.$Shape
                 */

                /**
                 * Constructs a new RaiseResponse.
                 * @memberof sightline.psi.v2
                 * @classdesc Represents a RaiseResponse.
                 * @constructor
                 * @param {sightline.psi.v2.RaiseResponse.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RaiseResponse = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * RaiseResponse version.
                 * @member {number} version
                 * @memberof sightline.psi.v2.RaiseResponse
                 * @instance
                 */
                RaiseResponse.prototype.version = 0;

                /**
                 * RaiseResponse status.
                 * @member {sightline.psi.v2.Status} status
                 * @memberof sightline.psi.v2.RaiseResponse
                 * @instance
                 */
                RaiseResponse.prototype.status = 0;

                /**
                 * RaiseResponse tags.
                 * @member {Uint8Array} tags
                 * @memberof sightline.psi.v2.RaiseResponse
                 * @instance
                 */
                RaiseResponse.prototype.tags = $util.newBuffer([]);

                /**
                 * RaiseResponse message.
                 * @member {string} message
                 * @memberof sightline.psi.v2.RaiseResponse
                 * @instance
                 */
                RaiseResponse.prototype.message = "";

                /**
                 * RaiseResponse budgetRemaining.
                 * @member {number|Long} budgetRemaining
                 * @memberof sightline.psi.v2.RaiseResponse
                 * @instance
                 */
                RaiseResponse.prototype.budgetRemaining = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new RaiseResponse instance using the specified properties.
                 * @function create
                 * @memberof sightline.psi.v2.RaiseResponse
                 * @static
                 * @param {sightline.psi.v2.RaiseResponse.$Properties=} [properties] Properties to set
                 * @returns {sightline.psi.v2.RaiseResponse} RaiseResponse instance
                 * @type {{
                 *   (properties: sightline.psi.v2.RaiseResponse.$Shape): sightline.psi.v2.RaiseResponse & sightline.psi.v2.RaiseResponse.$Shape;
                 *   (properties?: sightline.psi.v2.RaiseResponse.$Properties): sightline.psi.v2.RaiseResponse;
                 * }}
                 */
                RaiseResponse.create = function(properties) {
                    return new RaiseResponse(properties);
                };

                /**
                 * Encodes the specified RaiseResponse message. Does not implicitly {@link sightline.psi.v2.RaiseResponse.verify|verify} messages.
                 * @function encode
                 * @memberof sightline.psi.v2.RaiseResponse
                 * @static
                 * @param {sightline.psi.v2.RaiseResponse.$Properties} message RaiseResponse message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RaiseResponse.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.status);
                    if (message.tags != null && $Object.hasOwnProperty.call(message, "tags") && message.tags.length)
                        writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.tags);
                    if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.message);
                    if (message.budgetRemaining != null && $Object.hasOwnProperty.call(message, "budgetRemaining") && (typeof message.budgetRemaining === "object" ? message.budgetRemaining.low || message.budgetRemaining.high : message.budgetRemaining !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.budgetRemaining);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RaiseResponse message from the specified reader or buffer.
                 * @function decode
                 * @memberof sightline.psi.v2.RaiseResponse
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {sightline.psi.v2.RaiseResponse & sightline.psi.v2.RaiseResponse.$Shape} RaiseResponse
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RaiseResponse.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.sightline.psi.v2.RaiseResponse();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.tags = value;
                                else
                                    delete message.tags;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.message = value;
                                else
                                    delete message.message;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.budgetRemaining = value;
                                else
                                    delete message.budgetRemaining;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return RaiseResponse;
            })();

            return v2;
        })();

        return psi;
    })();

    return sightline;
})();

export {
  $root as default
};
